import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { ksRef, kustomizationTestHelpers } from '../../testing/kustomization-fixture.js';
import { PlanUnavailableError } from './plan.js';

// The engine's plan (`flux diff kustomization`) against a real API server: drift on the live
// object, the next revision's changes while the Kustomization is suspended, Secret values
// masked, prunes listed, and nothing written.
let fx: ClusterFixture;
let repo: GitWorkTree;
const { applySourceRepository, applyKs, newRevision } = kustomizationTestHelpers(() => ({ fx, repo }));
const NS = 'plan-test';
type Ks = KubeObject & { status?: { lastAppliedRevision?: string } };

const cm = (name: string, value: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${NS}\ndata:\n  key: ${value}\n`;
const secret = (password: string): string =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n  namespace: ${NS}\nstringData:\n  password: ${password}\n  user: admin\n`;
const cmRef = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace: NS, name });
const plan = () => fx.engine.planKustomization('default', 'plan', new AbortController().signal);

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-plan'));
  await repo.commit({
    'app/cm.yaml': cm('settings', 'v1'),
    'app/gone.yaml': cm('gone', 'x'),
    'app/secret.yaml': secret('old-password-1'),
  });
  await fx.resources.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    { fieldManager: 'test' },
  );
  await applySourceRepository();
  await applyKs('plan', { path: './app' });
  await waitForObject<Ks>(fx.resources, ksRef('plan'), (o) => ready(o)?.status === 'True');
}, 120_000);

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('planKustomization', () => {
  it('finds nothing to change right after an apply', async () => {
    const result = await plan();
    expect(result.revision).toBe(result.lastAppliedRevision);
    expect(result.objects.map((o) => [o.subject, o.action])).toEqual([
      ['ConfigMap/plan-test/gone', 'unchanged'],
      ['ConfigMap/plan-test/settings', 'unchanged'],
      ['Secret/plan-test/creds', 'unchanged'],
    ]);
    expect(result.pruned).toEqual([]);
  });

  it('shows drift: a live edit the next apply would revert', async () => {
    await fx.resources.mergePatch(cmRef('settings'), { data: { key: 'edited-by-hand' } });
    const drifted = (await plan()).objects.find((o) => o.subject === 'ConfigMap/plan-test/settings');
    expect(drifted).toEqual({
      subject: 'ConfigMap/plan-test/settings',
      action: 'configured',
      changes: [{ path: 'data.key', type: 'changed', before: '"edited-by-hand"', after: '"v1"' }],
      truncated: false,
    });
  });

  it('shows the next revision before it is applied, masks Secret values, lists prunes, writes nothing', async () => {
    await fx.resources.mergePatch(ksRef('plan'), { spec: { suspend: true } });
    const before = await fx.resources.get<Ks>(ksRef('plan'));
    const revision = await newRevision({
      'app/cm.yaml': cm('settings', 'v2'),
      'app/gone.yaml': null,
      'app/new.yaml': cm('added', 'y'),
      'app/secret.yaml': secret('new-password-2'),
    });
    await waitForObject(
      fx.resources,
      { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', namespace: 'default', name: 'repo' },
      (o) => (o as { status?: { artifact?: { revision?: string } } }).status?.artifact?.revision === revision,
    );
    const result = await plan();
    expect(result.revision).toBe(revision);
    expect(result.lastAppliedRevision).not.toBe(revision);
    expect(result.objects).toEqual([
      { subject: 'ConfigMap/plan-test/added', action: 'created', changes: [], truncated: false },
      {
        subject: 'ConfigMap/plan-test/settings',
        action: 'configured',
        changes: [{ path: 'data.key', type: 'changed', before: '"edited-by-hand"', after: '"v2"' }],
        truncated: false,
      },
      {
        subject: 'Secret/plan-test/creds',
        action: 'configured',
        changes: [
          { path: 'data.password', type: 'changed', before: '"*** (before)"', after: '"*** (after)"' },
        ],
        truncated: false,
      },
    ]);
    expect(result.pruned).toEqual(['ConfigMap/plan-test/gone']);
    const text = JSON.stringify(result);
    for (const leak of [
      'old-password-1',
      'new-password-2',
      'b2xkLXBhc3N3b3JkLTE=',
      'bmV3LXBhc3N3b3JkLTI=',
      'YWRtaW4=',
    ])
      expect(text).not.toContain(leak);
    // A plan is read-only: the live objects and the Kustomization are as they were.
    expect(await fx.resources.get(cmRef('added'))).toBeUndefined();
    expect(await fx.resources.get(cmRef('gone'))).toBeDefined();
    expect(
      (await fx.resources.get<KubeObject & { data?: Record<string, string> }>(cmRef('settings')))?.data,
    ).toEqual({
      key: 'edited-by-hand',
    });
    expect((await fx.resources.get<Ks>(ksRef('plan')))?.metadata.resourceVersion).toBe(
      before?.metadata.resourceVersion,
    );
  });

  it('says why there is no plan', async () => {
    await expect(
      fx.engine.planKustomization('default', 'missing', new AbortController().signal),
    ).rejects.toThrow(PlanUnavailableError);
  });
});
