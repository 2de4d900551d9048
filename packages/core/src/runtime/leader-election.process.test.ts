import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startSandbox, type Sandbox } from '../testing/sandbox.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUSTOMIZE_API_VERSION } from '../api/kustomize-v1.js';
import { SOURCE_API_VERSION } from '../api/source-v1.js';
import { fluxCrds } from '../api/index.js';
import { KubeClient } from '../kube/client.js';
import { installCrds } from '../kube/crds-install.js';
import type { KubeObject } from '../kube/objects.js';
import { Resources } from '../kube/resources.js';
import { pinnedKubectl, ready, waitForObject } from '../testing/cluster-fixture.js';
import { GitWorkTree } from '../testing/git-fixture.js';
import { DEFAULT_LEASE_TIMING } from './leader-election.js';

// Two engine processes against one sandbox, with controller-runtime's timing (15 s / 10 s / 2 s):
// only the leader reconciles; SIGKILL the leader and the other takes over within the lease
// duration, without pruning or re-creating anything.

const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD = resolve(HERE, '../testing/engine-child.ts');

let sandbox: Sandbox;
let resources: Resources;
let dir: string;
const children: ChildProcess[] = [];

type CoreEvent = KubeObject & {
  reason: string;
  reportingInstance?: string;
  involvedObject: { name: string };
};
type Ks = KubeObject & {
  status?: { inventory?: { entries: { id: string }[] }; lastHandledReconcileAt?: string };
};

interface EngineChild {
  process: ChildProcess;
  /** Resolves when the engine reports `phase`; the time it did. */
  reached(phase: string): Promise<number>;
}

function startEngine(identity: string): EngineChild {
  // node itself (tsx as a loader, not its wrapper process), so SIGKILL reaches the engine.
  const args = [
    '--import',
    'tsx',
    CHILD,
    sandbox.kubeconfigPath,
    join(dir, identity),
    pinnedKubectl(),
    identity,
  ];
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const seen: { phase: string; at: number }[] = [];
  const waiters: (() => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const state = JSON.parse(line) as { phase: string };
    seen.push({ phase: state.phase, at: Date.now() });
    for (const wake of waiters.splice(0)) wake();
  });
  return {
    process: child,
    reached: (phase) =>
      new Promise((resolveAt) => {
        const check = (): void => {
          const hit = seen.find((s) => s.phase === phase);
          if (hit) resolveAt(hit.at);
          else waiters.push(check);
        };
        check();
      }),
  };
}

const ksRef = {
  apiVersion: KUSTOMIZE_API_VERSION,
  kind: 'Kustomization',
  namespace: 'default',
  name: 'elected',
};
const cmRef = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'elected' };

async function eventsFor(name: string, since: number): Promise<CoreEvent[]> {
  const list = await resources.list<CoreEvent>('v1', 'Event', { namespace: 'default' });
  return list.items.filter(
    (e) =>
      e.involvedObject.name === name &&
      Date.parse((e as { lastTimestamp?: string }).lastTimestamp ?? '') >= Math.floor(since / 1000) * 1000,
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-election-'));
  sandbox = await startSandbox({ dir, podStartDelayMs: 100 });
  resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  await installCrds(resources, fluxCrds(), 'tideline');
  const repo = new GitWorkTree(await sandbox.createGitRepository('elected'));
  await repo.commit({
    'app/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: elected\n  namespace: default\n',
  });
  repo.remove();
  await resources.apply(
    {
      apiVersion: SOURCE_API_VERSION,
      kind: 'GitRepository',
      metadata: { name: 'elected', namespace: 'default' },
      spec: { url: repo.remoteUrl, interval: '10m', ref: { branch: 'main' } },
    },
    { fieldManager: 'test' },
  );
  await resources.apply(
    {
      apiVersion: KUSTOMIZE_API_VERSION,
      kind: 'Kustomization',
      metadata: { name: 'elected', namespace: 'default' },
      spec: {
        interval: '10m',
        prune: true,
        path: './app',
        sourceRef: { kind: 'GitRepository', name: 'elected' },
      },
    },
    { fieldManager: 'test' },
  );
});

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('leader election between two engine processes', () => {
  let a: EngineChild;
  let b: EngineChild;

  it('lets only the leader reconcile', async () => {
    a = startEngine('engine-a');
    await a.reached('active');
    await waitForObject(resources, ksRef, (o) => ready(o)?.status === 'True', 60_000);
    b = startEngine('engine-b');
    await b.reached('standby');
    const requested = Date.now();
    await resources.mergePatch(ksRef, {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': String(requested) } },
    });
    await waitForObject<Ks>(resources, ksRef, (o) => o.status?.lastHandledReconcileAt === String(requested));
    await new Promise((r) => setTimeout(r, 3_000));
    const events = await eventsFor('elected', requested);
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((e) => e.reportingInstance))).toEqual(new Set(['engine-a']));
  });

  it('hands over within the lease duration when the leader is killed, pruning nothing', async () => {
    const before = await resources.get<Ks>(ksRef);
    const cmBefore = await resources.get(cmRef);
    a.process.kill('SIGKILL');
    const killedAt = Date.now();
    const tookOver = await b.reached('active');
    const handoverMs = tookOver - killedAt;
    console.info(`leader killed; the follower took over after ${handoverMs} ms`);
    expect(handoverMs).toBeLessThan(
      DEFAULT_LEASE_TIMING.leaseDurationMs + 2.5 * DEFAULT_LEASE_TIMING.retryPeriodMs,
    );
    const requested = Date.now();
    await resources.mergePatch(ksRef, {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': String(requested) } },
    });
    const after = await waitForObject<Ks>(
      resources,
      ksRef,
      (o) => o.status?.lastHandledReconcileAt === String(requested) && ready(o)?.status === 'True',
    );
    expect(after.status?.inventory).toEqual(before?.status?.inventory);
    const cmAfter = await resources.get(cmRef);
    expect(cmAfter?.metadata.uid).toBe(cmBefore?.metadata.uid);
    const events = await eventsFor('elected', requested);
    expect(new Set(events.map((e) => e.reportingInstance))).toEqual(new Set(['engine-b']));
  });

  it('releases the lease on a graceful stop, so the next engine need not wait for it to expire', async () => {
    const c = startEngine('engine-c');
    await c.reached('standby');
    b.process.kill('SIGTERM');
    const stoppedAt = Date.now();
    const tookOver = await c.reached('active');
    console.info(`leader stopped; the next engine took over after ${tookOver - stoppedAt} ms`);
    expect(tookOver - stoppedAt).toBeLessThan(DEFAULT_LEASE_TIMING.renewDeadlineMs);
  });
});
