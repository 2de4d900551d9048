import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { ksRef, kustomizationTestHelpers } from '../../testing/kustomization-fixture.js';

let fx: ClusterFixture;
let repo: GitWorkTree;
const { applySourceRepository, applyKs, newRevision } = kustomizationTestHelpers(() => ({ fx, repo }));

interface Cond {
  type: string;
  status: string;
  reason: string;
  message: string;
}
type Ks = KubeObject & {
  status?: {
    conditions?: Cond[];
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
    lastHandledReconcileAt?: string;
  };
};
type Ev = KubeObject & { reason: string; message: string; type: string; involvedObject: { name: string } };

const cond = (o: Ks, type: string): Cond | undefined => o.status?.conditions?.find((c) => c.type === type);

const namespace = (name: string): string => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n`;
const deployment = (name: string, ns: string, image: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  replicas: 1
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
        - name: app
          image: ${image}
`;

async function events(name: string): Promise<Ev[]> {
  const list = await fx.resources.list<Ev>('v1', 'Event', { namespace: 'default' });
  return list.items.filter((e) => e.involvedObject.name === name);
}

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-health'));
  await repo.commit({
    'good/namespace.yaml': namespace('health-good'),
    'good/podinfo.yaml': deployment('podinfo', 'health-good', 'ghcr.io/stefanprodan/podinfo:6.5.0'),
    'bad/namespace.yaml': namespace('health-bad'),
    'bad/broken.yaml': deployment(
      'broken',
      'health-bad',
      `${fx.sandbox.registryHost}/tideline/missing:1.0.0`,
    ),
  });
  await applySourceRepository();
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('Kustomization health checks', () => {
  it('with wait: true, waits for the Deployment the kubelet makes Ready', async () => {
    await applyKs('good', { path: './good', wait: true });
    const checking = await waitForObject<Ks>(
      fx.resources,
      ksRef('good'),
      (o) => cond(o, 'Healthy')?.status === 'Unknown',
    );
    const revision = checking.status?.lastAttemptedRevision ?? '';
    const running = `Running health checks for revision ${revision} with a timeout of 9m30s`;
    expect(cond(checking, 'Healthy')).toMatchObject({ reason: 'Progressing', message: running });
    expect(cond(checking, 'Reconciling')).toMatchObject({
      status: 'True',
      reason: 'Progressing',
      message: running,
    });

    const ks = await waitForObject<Ks>(fx.resources, ksRef('good'), (o) => ready(o)?.status === 'True');
    expect(ready(ks)).toMatchObject({
      reason: 'ReconciliationSucceeded',
      message: `Applied revision: ${revision}`,
    });
    expect(cond(ks, 'Healthy')).toMatchObject({ status: 'True', reason: 'Succeeded' });
    expect(cond(ks, 'Healthy')?.message).toMatch(/^Health check passed in \d+(\.\d+)?(ms|s)$/);
    const deploy = await fx.resources.get<KubeObject & { status?: { readyReplicas?: number } }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'health-good',
      name: 'podinfo',
    });
    expect(deploy?.status?.readyReplicas).toBe(1);
    const passed = (await events('good')).filter((e) => e.message.startsWith('Health check passed in'));
    expect(passed).toHaveLength(1);
    expect(passed[0]).toMatchObject({ type: 'Normal', reason: 'Progressing' });
  });

  it('emits no new "Health check passed" event on a healthy re-run without changes', async () => {
    await fx.resources.mergePatch(ksRef('good'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'again' } },
    });
    const ks = await waitForObject<Ks>(
      fx.resources,
      ksRef('good'),
      (o) => o.status?.lastHandledReconcileAt === 'again' && ready(o)?.status === 'True',
    );
    expect(cond(ks, 'Healthy')?.status).toBe('True');
    const passed = (await events('good')).filter((e) => e.message.startsWith('Health check passed in'));
    expect(passed).toHaveLength(1);
  });

  it('removes the Healthy condition when no checks are configured', async () => {
    await fx.resources.mergePatch(ksRef('good'), { spec: { wait: false } });
    const ks = await waitForObject<Ks>(
      fx.resources,
      ksRef('good'),
      (o) => o.status?.conditions !== undefined && !cond(o, 'Healthy') && ready(o)?.status === 'True',
    );
    expect(ks.status?.conditions?.map((c) => c.type)).toEqual(['Ready']);
  });

  it('times out on a Deployment whose image is missing from the registry, naming it', async () => {
    await applyKs('bad', {
      path: './bad',
      timeout: '10s',
      healthChecks: [{ kind: 'Deployment', name: 'broken', namespace: 'health-bad' }],
    });
    const checking = await waitForObject<Ks>(
      fx.resources,
      ksRef('bad'),
      (o) => cond(o, 'Healthy')?.status === 'Unknown',
    );
    // Flux floors every Kustomization timeout at 30s.
    expect(cond(checking, 'Healthy')?.message).toMatch(/with a timeout of 30s$/);

    const ks = await waitForObject<Ks>(
      fx.resources,
      ksRef('bad'),
      (o) => ready(o)?.status === 'False',
      90_000,
    );
    const timeout = "timeout waiting for: [Deployment/health-bad/broken status: 'InProgress']";
    expect(ready(ks)?.reason).toBe('HealthCheckFailed');
    expect(ready(ks)?.message).toMatch(/^health check failed after 30(\.\d+)?s: /);
    expect(ready(ks)?.message.endsWith(`: ${timeout}`)).toBe(true);
    expect(cond(ks, 'Healthy')).toMatchObject({
      status: 'False',
      reason: 'HealthCheckFailed',
      message: timeout,
    });
    expect(cond(ks, 'Reconciling')?.reason).toBe('ProgressingWithRetry');
    const warning = (await events('bad')).find((e) => e.type === 'Warning');
    expect(warning).toMatchObject({ reason: 'HealthCheckFailed', message: ready(ks)?.message });

    const pods = await fx.resources.list<
      KubeObject & { status?: { containerStatuses?: { state?: { waiting?: { reason?: string } } }[] } }
    >('v1', 'Pod', { namespace: 'health-bad' });
    expect(pods.items[0]?.status?.containerStatuses?.[0]?.state?.waiting?.reason).toBe('ImagePullBackOff');
  }, 120_000);

  it('recovers on a fixed revision and says so once', async () => {
    const revision = await newRevision({
      'bad/broken.yaml': deployment('broken', 'health-bad', 'ghcr.io/stefanprodan/podinfo:6.5.0'),
    });
    const ks = await waitForObject<Ks>(
      fx.resources,
      ksRef('bad'),
      (o) => o.status?.lastAppliedRevision === revision && ready(o)?.status === 'True',
      90_000,
    );
    expect(cond(ks, 'Healthy')).toMatchObject({ status: 'True', reason: 'Succeeded' });
    const passed = (await events('bad')).filter((e) => e.message.startsWith('Health check passed in'));
    expect(passed).toHaveLength(1);
  }, 120_000);

  it('judges health with healthCheckExprs (CEL) instead of kstatus, as Flux does', async () => {
    await applyKs('cel', {
      path: './good',
      wait: true,
      healthCheckExprs: [
        { apiVersion: 'apps/v1', kind: 'Deployment', current: 'false', failed: 'status.replicas == 1' },
      ],
    });
    const ks = await waitForObject<Ks>(fx.resources, ksRef('cel'), (o) => ready(o)?.status === 'False');
    expect(ready(ks)?.reason).toBe('HealthCheckFailed');
    expect(ready(ks)?.message).toMatch(
      /^health check failed after .*: failed early due to stalled resources: \[Deployment\/health-good\/podinfo status: 'Failed'\]$/,
    );
  });

  it('stalls on a healthCheckExprs expression that does not parse', async () => {
    await applyKs('cel-bad', {
      path: './good',
      healthCheckExprs: [{ apiVersion: 'apps/v1', kind: 'Deployment', current: 'status.readyReplicas ==' }],
    });
    const ks = await waitForObject<Ks>(
      fx.resources,
      ksRef('cel-bad'),
      (o) => cond(o, 'Stalled')?.status === 'True',
    );
    expect(cond(ks, 'Stalled')?.reason).toBe('InvalidCELExpression');
    expect(ready(ks)?.message).toMatch(
      /^Reconciliation failed terminally due to configuration error: failed to create custom status evaluator for healthchecks\[0\]: failed to parse the expression Current: /,
    );
  });
});
