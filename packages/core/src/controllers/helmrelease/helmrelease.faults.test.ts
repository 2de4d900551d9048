import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import { startClusterFixture, type ClusterFixture } from '../../testing/cluster-fixture.js';
import {
  applyChartRepository,
  applyRelease,
  conditionOf,
  helmCli,
  publishChartVariants,
  readyWith,
  waitForRelease,
  type HrObject,
} from '../../testing/helm-release-fixture.js';

let fx: ClusterFixture;

const chart = (version = '6.2.2', name = 'podinfo') => ({
  spec: { chart: name, version, sourceRef: { kind: 'HelmRepository', name: 'charts' } },
});
const readyFalse = (reason: string) => (o: HrObject) =>
  conditionOf(o, 'Ready')?.status === 'False' && conditionOf(o, 'Ready')?.reason === reason;

beforeAll(async () => {
  fx = await startClusterFixture({ engine: { helmRelease: { requeueDependencyMs: 1000 } } });
  await publishChartVariants(fx, [
    { from: 'podinfo-6.2.2' },
    { version: '6.2.3', files: { 'templates/broken.yaml': '{{ fail "the chart refuses these values" }}\n' } },
    { name: 'future', version: '1.0.0', kubeVersion: '>=1.25.0-0' },
  ]);
  await applyChartRepository(fx, 'default');
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

describe('HelmRelease bad input', () => {
  it("a chart that does not exist: SourceNotReady with the HelmChart's error", async () => {
    await applyRelease(fx, 'default', 'no-chart', { interval: '10m', chart: chart('*', 'nope') });
    const hr = await waitForRelease(
      fx,
      'default',
      'no-chart',
      (o) =>
        readyFalse('SourceNotReady')(o) &&
        /chart/.test(conditionOf(o, 'Ready')?.message.split(': ')[1] ?? ''),
    );
    expect(conditionOf(hr, 'Ready')?.message).toBe(
      "HelmChart 'default/default-no-chart' is not ready: invalid chart reference: failed to get chart version for remote reference: no chart name found",
    );
  });

  it('a version range that matches nothing: SourceNotReady naming the range', async () => {
    await applyRelease(fx, 'default', 'no-version', { interval: '10m', chart: chart('>=9.0.0') });
    const hr = await waitForRelease(
      fx,
      'default',
      'no-version',
      (o) => readyFalse('SourceNotReady')(o) && (conditionOf(o, 'Ready')?.message ?? '').includes('9.0.0'),
    );
    expect(conditionOf(hr, 'Ready')?.message).toContain('>=9.0.0');
  });

  it('values that are not YAML: ValuesError naming the reference', async () => {
    await fx.resources.apply(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'bad-values', namespace: 'default' },
        data: { 'values.yaml': 'a: [b' },
      },
      { fieldManager: 'test' },
    );
    await applyRelease(fx, 'default', 'bad-values', {
      interval: '10m',
      chart: chart(),
      valuesFrom: [{ kind: 'ConfigMap', name: 'bad-values' }],
    });
    const hr = await waitForRelease(fx, 'default', 'bad-values', readyFalse('ValuesError'));
    expect(conditionOf(hr, 'Ready')?.message).toMatch(
      /^could not resolve ConfigMap chart values reference 'default\/bad-values' with key 'values.yaml': error converting YAML to JSON: yaml: /,
    );
  });

  it('a missing valuesFrom Secret: ValuesError, unless optional', async () => {
    await applyRelease(fx, 'default', 'no-secret', {
      interval: '10m',
      chart: chart(),
      valuesFrom: [{ kind: 'Secret', name: 'absent' }],
    });
    const hr = await waitForRelease(fx, 'default', 'no-secret', readyFalse('ValuesError'));
    expect(conditionOf(hr, 'Ready')?.message).toBe(
      `could not resolve Secret chart values reference 'default/absent' with key 'values.yaml': secrets "absent" not found`,
    );
    await applyRelease(fx, 'default', 'no-secret', {
      interval: '10m',
      chart: chart(),
      valuesFrom: [{ kind: 'Secret', name: 'absent', optional: true }],
    });
    await waitForRelease(fx, 'default', 'no-secret', readyWith('True', 'InstallSucceeded'));
  });

  it("a chart whose kubeVersion excludes the cluster: InstallFailed with Helm's words", async () => {
    await applyRelease(fx, 'default', 'future', { interval: '10m', chart: chart('1.0.0', 'future') });
    const hr = await waitForRelease(fx, 'default', 'future', readyFalse('InstallFailed'));
    expect(conditionOf(hr, 'Ready')?.message).toBe(
      'Helm install failed for release default/future with chart future@1.0.0: chart requires kubeVersion: >=1.25.0-0 which is incompatible with Kubernetes v1.20.2',
    );
  });

  it('a release name that is a helm flag: refused before helm runs, nothing installed', async () => {
    // Flux's CRD lets releaseName be any 1–53 characters. Helm's storage refuses it as a label
    // value, so it never reaches helm; were it to, helm-args puts names after `--`
    // (helm-render.test.ts), where `--help` is a name helm refuses, not a flag that exits 0.
    await applyRelease(fx, 'default', 'flag-name', {
      interval: '10m',
      chart: chart('6.2.2'),
      releaseName: '--help',
    });
    const hr = await waitForRelease(fx, 'default', 'flag-name', readyFalse('StateError'));
    expect(conditionOf(hr, 'Ready')?.message).toContain('Could not determine release state: ');
    expect(conditionOf(hr, 'Ready')?.message).toContain('invalid label value: "--help"');
    expect(hr.status?.history ?? []).toEqual([]);
  });
});

describe('HelmRelease faults keep the last good release', () => {
  it('a template that fails to render: UpgradeFailed, the deployed release stays', async () => {
    await applyRelease(fx, 'default', 'render', { interval: '10m', chart: chart('6.2.2') });
    await waitForRelease(fx, 'default', 'render', readyWith('True', 'InstallSucceeded'));
    await applyRelease(fx, 'default', 'render', { interval: '10m', chart: chart('6.2.3') });
    const hr = await waitForRelease(fx, 'default', 'render', readyFalse('UpgradeFailed'));
    expect(conditionOf(hr, 'Ready')?.message).toMatch(
      /^Helm upgrade failed for release default\/render with chart podinfo@6\.2\.3: .*the chart refuses these values/,
    );
    const list = JSON.parse(await helmCli(fx, ['list', '-n', 'default', '-o', 'json'])) as {
      name: string;
      status: string;
      chart: string;
    }[];
    expect(list).toContainEqual(
      expect.objectContaining({ name: 'render', status: 'deployed', chart: 'podinfo-6.2.2' }),
    );
  });

  it('the chart source going away: nothing is uninstalled', async () => {
    await applyRelease(fx, 'default', 'orphan', { interval: '10m', chart: chart('6.2.2') });
    await waitForRelease(fx, 'default', 'orphan', readyWith('True'));
    await fx.resources.delete({
      apiVersion: SOURCE_API_VERSION,
      kind: 'HelmRepository',
      namespace: 'default',
      name: 'charts',
    });
    await fx.resources.mergePatch(
      { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: 'default', name: 'orphan' },
      { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'after-source-gone' } } },
    );
    const hr = await waitForRelease(
      fx,
      'default',
      'orphan',
      (o) => o.status?.lastHandledReconcileAt === 'after-source-gone',
    );
    expect(hr.status?.history?.[0]?.status).toBe('deployed');
    expect(
      await fx.resources.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'default',
        name: 'orphan-podinfo',
      }),
    ).toBeDefined();
    await applyChartRepository(fx, 'default');
  });
});
