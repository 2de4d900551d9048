import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedHelmBin, startClusterFixture, type ClusterFixture } from '../../testing/cluster-fixture.js';
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
const HR = { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: 'default' };
const chart = {
  spec: { chart: 'podinfo', version: '6.2.2', sourceRef: { kind: 'HelmRepository', name: 'charts' } },
};

beforeAll(async () => {
  fx = await startClusterFixture({ engine: { helmRelease: { requeueDependencyMs: 1000 } } });
  await publishChartVariants(fx, [{ from: 'podinfo-6.2.2' }]);
  await applyChartRepository(fx, 'default');
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

/** Starts `helm upgrade --wait` on a release and kills it once Helm has written `pending-upgrade`. */
async function killHelmMidUpgrade(release: string, image: string): Promise<void> {
  const home = await mkdtemp(join(tmpdir(), 'tideline-killed-helm-'));
  const chartFile = join(fx.sandbox.dir, 'charts', 'podinfo-6.2.2.tgz');
  const child = spawn(
    pinnedHelmBin(),
    [
      'upgrade',
      release,
      chartFile,
      '-n',
      'default',
      '--wait',
      '--timeout',
      '60s',
      '--server-side=false',
      '--reuse-values',
      '--set',
      `image.repository=${image}`,
      '--kubeconfig',
      fx.sandbox.kubeconfigPath,
    ],
    {
      env: {
        PATH: process.env.PATH,
        HOME: home,
        HELM_CACHE_HOME: home,
        HELM_CONFIG_HOME: home,
        HELM_DATA_HOME: home,
      },
      stdio: 'ignore',
    },
  );
  try {
    for (let i = 0; i < 100; i++) {
      const list = await fx.resources.list('v1', 'Secret', {
        namespace: 'default',
        labelSelector: `owner=helm,name=${release},status=pending-upgrade`,
      });
      if (list.items.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    child.kill('SIGKILL');
  } finally {
    await new Promise((r) => child.once('close', r));
    await rm(home, { recursive: true, force: true });
  }
}

describe('HelmRelease lifecycle', () => {
  it('unlocks a release left pending-upgrade by a killed helm, then upgrades it back under management', async () => {
    await applyRelease(fx, 'default', 'locked', { interval: '10m', chart });
    await waitForRelease(fx, 'default', 'locked', readyWith('True', 'InstallSucceeded'));
    await fx.resources.mergePatch({ ...HR, name: 'locked' }, { spec: { suspend: true } });
    await waitForRelease(
      fx,
      'default',
      'locked',
      (o) => o.status?.observedGeneration === o.metadata.generation,
    );
    await killHelmMidUpgrade('locked', `${fx.sandbox.registryHost}/missing/podinfo`);
    const pending = JSON.parse(await helmCli(fx, ['list', '-n', 'default', '--pending', '-o', 'json'])) as {
      name: string;
    }[];
    expect(pending.map((r) => r.name)).toContain('locked');
    await fx.resources.mergePatch({ ...HR, name: 'locked' }, { spec: { suspend: false } });
    const hr = await waitForRelease(fx, 'default', 'locked', readyWith('True', 'UpgradeSucceeded'));
    expect(hr.status?.history?.[0]?.version).toBe(3);
    const events = await eventsFor(fx, 'HelmRelease', 'locked');
    expect(events).toContainEqual(
      expect.objectContaining({
        reason: 'PendingRelease',
        message: 'Unlocked Helm release default/locked.v2 with chart podinfo@6.2.2 in pending-upgrade state',
      }),
    );
    const history = JSON.parse(await helmCli(fx, ['history', 'locked', '-n', 'default', '-o', 'json'])) as {
      revision: number;
      status: string;
      description: string;
    }[];
    expect(history.find((h) => h.revision === 2)).toMatchObject({
      status: 'failed',
      description: "Release unlocked from stale 'pending-upgrade' state",
    });
  });

  it('uninstalls and reinstalls when the release name or target namespace changes', async () => {
    await applyRelease(fx, 'default', 'moving', { interval: '10m', chart });
    await waitForRelease(fx, 'default', 'moving', readyWith('True'));
    await ensureNamespace(fx, 'elsewhere');
    await applyRelease(fx, 'default', 'moving', {
      interval: '10m',
      chart,
      targetNamespace: 'elsewhere',
      releaseName: 'moved',
    });
    const hr = await waitForRelease(
      fx,
      'default',
      'moving',
      (o) => readyWith('True', 'InstallSucceeded')(o) && o.status?.history?.[0]?.name === 'moved',
    );
    expect(hr.status?.history?.[0]).toMatchObject({ name: 'moved', namespace: 'elsewhere', version: 1 });
    expect(
      await fx.resources.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'default',
        name: 'moving-podinfo',
      }),
    ).toBeUndefined();
    expect(
      await fx.resources.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'elsewhere',
        name: 'moved-podinfo',
      }),
    ).toBeDefined();
  });

  it('forces an upgrade of an in-sync release with forceAt and keeps maxHistory revisions', async () => {
    await applyRelease(fx, 'default', 'forced', { interval: '10m', chart, maxHistory: 2 });
    await waitForRelease(fx, 'default', 'forced', readyWith('True'));
    for (const at of ['f1', 'f2']) {
      await fx.resources.mergePatch(
        { ...HR, name: 'forced' },
        {
          metadata: {
            annotations: { 'reconcile.fluxcd.io/requestedAt': at, 'reconcile.fluxcd.io/forceAt': at },
          },
        },
      );
      await waitForRelease(
        fx,
        'default',
        'forced',
        (o) => o.status?.lastHandledForceAt === at && readyWith('True', 'UpgradeSucceeded')(o),
      );
    }
    const history = JSON.parse(await helmCli(fx, ['history', 'forced', '-n', 'default', '-o', 'json'])) as {
      revision: number;
    }[];
    expect(history.map((h) => h.revision)).toEqual([2, 3]);
  });

  it('is refused by RBAC when impersonating a ServiceAccount without rights', async () => {
    await fx.resources.apply(
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'powerless', namespace: 'default' } },
      { fieldManager: 'test' },
    );
    await applyRelease(fx, 'default', 'denied', { interval: '10m', chart, serviceAccountName: 'powerless' });
    const hr = await waitForRelease(
      fx,
      'default',
      'denied',
      (o) =>
        conditionOf(o, 'Ready')?.status === 'False' &&
        /forbidden/.test(conditionOf(o, 'Ready')?.message ?? ''),
    );
    expect(conditionOf(hr, 'Ready')?.message).toContain('system:serviceaccount:default:powerless');
    expect(
      await fx.resources.get({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        namespace: 'default',
        name: 'denied-podinfo',
      }),
    ).toBeUndefined();
  });
});
