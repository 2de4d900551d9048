import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlannedObject } from '../../kube/dry-run-plan.js';
import { startClusterFixture, type ClusterFixture } from '../../testing/cluster-fixture.js';
import {
  applyChartRepository,
  applyRelease,
  conditionOf,
  helmCli,
  publishChartVariants,
  readyWith,
  waitForRelease,
} from '../../testing/helm-release-fixture.js';

// Desired vs live for a HelmRelease on the sandbox: the podinfo fixture chart rendered by the
// pinned helm, compared with the stored release and with the cluster; nothing written.

let fx: ClusterFixture;
const OLD_SECRET = 'plan-s3cr3t-old-5c1e';
const NEW_SECRET = 'plan-s3cr3t-new-9b77';
const chart = {
  spec: { chart: 'podinfo', version: '6.2.2', sourceRef: { kind: 'HelmRepository', name: 'charts' } },
};
const plan = (name: string) => fx.engine.planHelmRelease('default', name, AbortSignal.timeout(60_000));
const find = (objects: PlannedObject[], subject: string) => objects.find((o) => o.subject === subject);
const spec = (values: Record<string, unknown>, suspend = false) => ({
  interval: '10m',
  chart,
  suspend,
  driftDetection: { mode: 'warn' },
  valuesFrom: [{ kind: 'Secret', name: 'plan-values' }],
  values,
});
const applySecret = (token: string) =>
  fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'plan-values', namespace: 'default' },
      stringData: { 'values.yaml': `podAnnotations:\n  token: ${token}\n` },
    },
    { fieldManager: 'test' },
  );

beforeAll(async () => {
  // A HelmRelease waiting for its chart looks again after a second, not Flux's 30.
  fx = await startClusterFixture({ engine: { helmRelease: { requeueDependencyMs: 1000 } } });
  await publishChartVariants(fx, [{ from: 'podinfo-6.2.2' }]);
  await applyChartRepository(fx, 'default');
  await applySecret(OLD_SECRET);
  await applyRelease(fx, 'default', 'planned', spec({ replicaCount: 1 }));
  await waitForRelease(fx, 'default', 'planned', readyWith('True', 'InstallSucceeded'), 120_000);
}, 180_000);

afterAll(async () => {
  await fx?.stop();
});

describe('planHelmRelease', () => {
  it('is in sync right after the install', async () => {
    const result = await plan('planned');
    expect(result).toMatchObject({
      revision: 'podinfo@6.2.2',
      lastAppliedRevision: 'podinfo@6.2.2',
      release: 'default/planned.v1',
      valuesChanged: false,
      pruned: [],
    });
    expect(result.upgrade.map((o) => o.action)).toEqual(result.upgrade.map(() => 'unchanged'));
    expect(result.objects.filter((o) => o.action !== 'unchanged')).toEqual([]);
    expect(find(result.objects, 'Deployment/default/planned-podinfo')).toBeDefined();
  });

  it('shows a values change as an upgrade diff, Secret values masked, and writes nothing', async () => {
    await applySecret(NEW_SECRET);
    await applyRelease(
      fx,
      'default',
      'planned',
      spec({ replicaCount: 2, service: { enabled: false } }, true),
    );
    await waitForRelease(
      fx,
      'default',
      'planned',
      (o) => o.status?.observedGeneration === o.metadata.generation,
    );
    const result = await plan('planned');
    expect(result.valuesChanged).toBe(true);
    const deploy = find(result.upgrade, 'Deployment/default/planned-podinfo');
    expect(deploy?.action).toBe('configured');
    expect(deploy?.changes).toContainEqual({
      path: 'spec.replicas',
      type: 'changed',
      before: '1',
      after: '2',
    });
    expect(deploy?.changes).toContainEqual({
      path: 'spec.template.metadata.annotations.token',
      type: 'changed',
      before: '***** (before)',
      after: '"*****"',
    });
    expect(result.pruned).toEqual(['Service/default/planned-podinfo']);
    expect(find(result.objects, 'Deployment/default/planned-podinfo')?.changes).toContainEqual(
      expect.objectContaining({ path: 'spec.replicas', before: '1', after: '2' }),
    );
    const text = JSON.stringify(result);
    expect(text).not.toContain(OLD_SECRET);
    expect(text).not.toContain(NEW_SECRET);
    expect(await helmCli(fx, ['history', 'planned', '-n', 'default', '-o', 'json'])).not.toContain(
      '"revision":2',
    );
  });

  it('shows a manual edit of a live object as drift', async () => {
    await fx.resources.mergePatch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'planned-podinfo' },
      { spec: { replicas: 3 } },
      'kubectl-edit',
    );
    const result = await plan('planned');
    expect(find(result.objects, 'Deployment/default/planned-podinfo')?.changes).toContainEqual({
      path: 'spec.replicas',
      type: 'changed',
      before: '3',
      after: '2',
    });
    const live = await fx.resources.get<
      { spec: { replicas: number } } & { kind: string; apiVersion: string; metadata: { name: string } }
    >({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'default',
      name: 'planned-podinfo',
    });
    expect(live?.spec.replicas).toBe(3);
  });

  it("fails with helm-controller's words when values, the chart or the release are missing", async () => {
    await applyRelease(fx, 'default', 'novalues', {
      interval: '10m',
      chart,
      valuesFrom: [{ kind: 'Secret', name: 'absent' }],
    });
    // Flux leaves observedGeneration behind on a values error, so only the reason is awaited.
    const hr = await waitForRelease(
      fx,
      'default',
      'novalues',
      (o) => conditionOf(o, 'Ready')?.reason === 'ValuesError',
    );
    const message = conditionOf(hr, 'Ready')?.message;
    expect(message).toBe(
      `could not resolve Secret chart values reference 'default/absent' with key 'values.yaml': secrets "absent" not found`,
    );
    await expect(plan('novalues')).rejects.toThrow(message);
    await applyRelease(fx, 'default', 'nochart', {
      interval: '10m',
      chart: { spec: { ...chart.spec, version: '9.9.9' } },
    });
    const missing = await waitForRelease(
      fx,
      'default',
      'nochart',
      (o) => conditionOf(o, 'Ready')?.message.includes('9.9.9') === true,
    );
    expect(conditionOf(missing, 'Ready')).toMatchObject({
      reason: 'SourceNotReady',
      message: expect.stringMatching(/^HelmChart 'default\/default-nochart' is not ready: /),
    });
    await expect(plan('nochart')).rejects.toThrow(conditionOf(missing, 'Ready')?.message);
    await expect(plan('nothere')).rejects.toThrow('HelmRelease default/nothere not found');
  });
});
