import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
import { ready, startClusterFixture, type ClusterFixture } from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { ksRef, kustomizationTestHelpers } from '../../testing/kustomization-fixture.js';

let fx: ClusterFixture;
let repo: GitWorkTree;
const { applySourceRepository, applyKs } = kustomizationTestHelpers(() => ({ fx, repo }));

type Ks = KubeObject & {
  status?: { lastAppliedRevision?: string; conditions?: { type: string; lastTransitionTime: string }[] };
};
type Event = KubeObject & { reason: string; message: string; involvedObject: { name: string } };

/** Flux requeues a waiting dependent after 30s; a woken chain must settle well inside that. */
const CHAIN_BOUND_MS = 20_000;

const cm = (name: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\n`;

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-depends-on'));
  await repo.commit({ 'a/cm.yaml': cm('chain-a'), 'b/cm.yaml': cm('chain-b'), 'c/cm.yaml': cm('chain-c') });
  await applySourceRepository();
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('Kustomization dependsOn', () => {
  it('settles a chain a → b → c created together in order, well before the 30s dependency requeue', async () => {
    const names = ['a', 'b', 'c'] as const;
    const readyAt = new Map<string, number>();
    const started = performance.now();
    // Dependents first, so they are seen waiting before their dependency exists.
    await applyKs('c', { path: './c', dependsOn: [{ name: 'b' }] });
    await applyKs('b', { path: './b', dependsOn: [{ name: 'a' }] });
    await applyKs('a', { path: './a' });
    const final = new Map<string, Ks>();
    while (readyAt.size < names.length && performance.now() - started < CHAIN_BOUND_MS) {
      for (const name of names) {
        if (readyAt.has(name)) continue;
        const ks = await fx.resources.get<Ks>(ksRef(name));
        if (ks && ready(ks)?.status === 'True') {
          readyAt.set(name, performance.now() - started);
          final.set(name, ks);
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    const settledMs = Math.max(...readyAt.values());
    console.info(
      `dependsOn chain of 3 settled in ${Math.round(settledMs)} ms (${[...readyAt].map(([n, t]) => `${n}@${Math.round(t)}`).join(', ')})`,
    );
    expect([...readyAt.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect(settledMs).toBeLessThan(CHAIN_BOUND_MS);
    const [ta, tb, tc] = names.map((n) => readyAt.get(n) ?? Infinity);
    expect(ta).toBeLessThanOrEqual(tb ?? Infinity);
    expect(tb).toBeLessThanOrEqual(tc ?? Infinity);
    // Ready transition times (seconds, as Flux truncates them) agree, and all applied the same revision.
    const transition = (n: string): string =>
      final.get(n)?.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime ?? '';
    expect(transition('a') <= transition('b') && transition('b') <= transition('c')).toBe(true);
    const revisions = new Set(names.map((n) => final.get(n)?.status?.lastAppliedRevision));
    expect(revisions.size).toBe(1);
    expect([...revisions][0]).toMatch(/^main@sha1:[0-9a-f]{40}$/);
    // c really waited (and was woken, not requeued after 30s).
    const events = await fx.resources.list<Event>('v1', 'Event', { namespace: 'default' });
    expect(
      events.items.find((e) => e.involvedObject.name === 'c' && e.reason === 'DependencyNotReady')?.message,
    ).toBe('Dependencies do not meet ready condition, retrying in 30s');
  });
});
