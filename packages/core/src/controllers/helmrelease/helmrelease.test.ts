import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import { startClusterFixture, waitForObject, type ClusterFixture } from '../../testing/cluster-fixture.js';
import { eventsFor } from '../../testing/helm-chart-fixture.js';
import {
  applyChartRepository,
  applyRelease,
  conditionOf,
  ensureNamespace,
  helmCli,
  publishChartVariants,
  readyWith,
  waitForRelease,
} from '../../testing/helm-release-fixture.js';

let fx: ClusterFixture;

const chart = (version = '6.2.1') => ({
  spec: { chart: 'podinfo', version, sourceRef: { kind: 'HelmRepository', name: 'charts' } },
});

beforeAll(async () => {
  fx = await startClusterFixture();
  await publishChartVariants(fx, [{ from: 'podinfo-6.2.1' }, { from: 'podinfo-6.2.2' }]);
  await applyChartRepository(fx, 'default');
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

describe('HelmRelease install, upgrade and uninstall through helm', () => {
  it('installs the chart as Helm releases it: Ready, history, inventory, HelmChart, helm list', async () => {
    await applyRelease(fx, 'default', 'podinfo', {
      interval: '10m',
      chart: chart(),
      values: { replicaCount: 1 },
    });
    const hr = await waitForRelease(fx, 'default', 'podinfo', readyWith('True'));
    expect(conditionOf(hr, 'Ready')).toMatchObject({
      reason: 'InstallSucceeded',
      message: 'Helm install succeeded for release default/podinfo.v1 with chart podinfo@6.2.1',
    });
    expect(conditionOf(hr, 'Released')?.reason).toBe('InstallSucceeded');
    expect(hr.status?.history?.[0]).toMatchObject({
      name: 'podinfo',
      namespace: 'default',
      version: 1,
      status: 'deployed',
      action: 'install',
      chartVersion: '6.2.1',
    });
    expect(hr.status?.storageNamespace).toBe('default');
    expect(hr.status?.helmChart).toBe('default/default-podinfo');
    expect(hr.status?.lastAttemptedReleaseAction).toBe('install');
    expect(hr.status?.inventory?.entries.map((e) => e.id).sort()).toEqual([
      'default_podinfo__Service',
      'default_podinfo_apps_Deployment',
    ]);
    const chartObj = await fx.resources.get({
      apiVersion: SOURCE_API_VERSION,
      kind: 'HelmChart',
      namespace: 'default',
      name: 'default-podinfo',
    });
    expect(chartObj?.metadata.labels).toMatchObject({
      'helm.toolkit.fluxcd.io/name': 'podinfo',
      'helm.toolkit.fluxcd.io/namespace': 'default',
    });
    const list = JSON.parse(await helmCli(fx, ['list', '-n', 'default', '-o', 'json'])) as {
      name: string;
      status: string;
      chart: string;
    }[];
    expect(list).toEqual([
      expect.objectContaining({ name: 'podinfo', status: 'deployed', chart: 'podinfo-6.2.1' }),
    ]);
    const deploy = await fx.resources.get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'default',
      name: 'podinfo',
    });
    expect(deploy?.metadata.labels).toMatchObject({
      'helm.toolkit.fluxcd.io/name': 'podinfo',
      'app.kubernetes.io/managed-by': 'Helm',
    });
    const events = await eventsFor(fx, 'HelmRelease', 'podinfo');
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'Normal',
        reason: 'InstallSucceeded',
        annotations: expect.objectContaining({ 'helm.toolkit.fluxcd.io/revision': '6.2.1' }),
      }),
    );
  });

  it('upgrades on a new chart version and new values, keeping the previous release in history', async () => {
    await applyRelease(fx, 'default', 'podinfo', {
      interval: '10m',
      chart: chart('6.2.2'),
      values: { replicaCount: 2 },
    });
    const hr = await waitForRelease(fx, 'default', 'podinfo', (o) =>
      readyWith('True', 'UpgradeSucceeded')(o),
    );
    expect(conditionOf(hr, 'Ready')?.message).toBe(
      'Helm upgrade succeeded for release default/podinfo.v2 with chart podinfo@6.2.2',
    );
    expect(hr.status?.history?.map((s) => [s.version, s.status])).toEqual([
      [2, 'deployed'],
      [1, 'superseded'],
    ]);
    const values = JSON.parse(
      await helmCli(fx, ['get', 'values', 'podinfo', '-n', 'default', '-o', 'json']),
    ) as unknown;
    expect(values).toEqual({ replicaCount: 2 });
  });

  it('stays in sync without running helm when nothing changed', async () => {
    const before = await waitForRelease(fx, 'default', 'podinfo', readyWith('True'));
    await fx.resources.mergePatch(
      { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: 'default', name: 'podinfo' },
      { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'now-1' } } },
    );
    const after = await waitForRelease(
      fx,
      'default',
      'podinfo',
      (o) => o.status?.lastHandledReconcileAt === 'now-1',
    );
    expect(after.status?.history?.[0]?.version).toBe(before.status?.history?.[0]?.version);
  });

  it('installs into a target namespace with storage in the HelmRelease namespace, as Flux stores it', async () => {
    await ensureNamespace(fx, 'web');
    await applyRelease(fx, 'default', 'site', { interval: '10m', chart: chart(), targetNamespace: 'web' });
    const hr = await waitForRelease(fx, 'default', 'site', readyWith('True'));
    expect(hr.status?.history?.[0]).toMatchObject({ name: 'web-site', namespace: 'web' });
    const stored = JSON.parse(await helmCli(fx, ['list', '-n', 'default', '-o', 'json'])) as {
      name: string;
      namespace: string;
    }[];
    expect(stored).toContainEqual(expect.objectContaining({ name: 'web-site', namespace: 'web' }));
    expect(JSON.parse(await helmCli(fx, ['list', '-n', 'web', '-o', 'json']))).toEqual([]);
    expect(
      await fx.resources.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'web',
        name: 'web-site-podinfo',
      }),
    ).toBeDefined();
  });

  it('uninstalls on deletion and removes the generated HelmChart', async () => {
    await fx.resources.delete({
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      namespace: 'default',
      name: 'site',
    });
    await waitForObject(fx.resources, { apiVersion: 'v1', kind: 'Namespace', name: 'web' }, () => true);
    for (let i = 0; i < 150; i++) {
      const gone = !(await fx.resources.get({
        apiVersion: 'helm.toolkit.fluxcd.io/v2',
        kind: 'HelmRelease',
        namespace: 'default',
        name: 'site',
      }));
      if (gone) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(
      await fx.resources.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'web',
        name: 'web-site-podinfo',
      }),
    ).toBeUndefined();
    expect(
      await fx.resources.get({
        apiVersion: SOURCE_API_VERSION,
        kind: 'HelmChart',
        namespace: 'default',
        name: 'default-site',
      }),
    ).toBeUndefined();
    const stored = JSON.parse(await helmCli(fx, ['list', '-A', '-o', 'json'])) as { name: string }[];
    expect(stored.map((r) => r.name)).toEqual(['podinfo']);
  });
});
