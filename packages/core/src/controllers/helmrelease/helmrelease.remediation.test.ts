import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterFixture, type ClusterFixture } from '../../testing/cluster-fixture.js';
import { eventsFor } from '../../testing/helm-chart-fixture.js';
import {
  applyChartRepository,
  applyRelease,
  conditionOf,
  helmCli,
  publishChartVariants,
  readyWith,
  waitForRelease,
} from '../../testing/helm-release-fixture.js';

let fx: ClusterFixture;
/** An image the kubelet resolves against the sandbox registry, where it does not exist: ImagePullBackOff. */
let missingImage: { repository: string; tag: string };

const chart = {
  spec: { chart: 'podinfo', version: '6.2.2', sourceRef: { kind: 'HelmRepository', name: 'charts' } },
};

beforeAll(async () => {
  fx = await startClusterFixture();
  missingImage = { repository: `${fx.sandbox.registryHost}/missing/podinfo`, tag: '0.0.0' };
  await publishChartVariants(fx, [{ from: 'podinfo-6.2.2' }]);
  await applyChartRepository(fx, 'default');
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

describe('HelmRelease remediation', () => {
  it('uninstalls an install that never becomes Ready, retries, then stalls with RetriesExceeded', async () => {
    await applyRelease(fx, 'default', 'never-ready', {
      interval: '10m',
      chart,
      install: { timeout: '3s', remediation: { retries: 1 } },
      values: { image: missingImage },
    });
    const stalled = await waitForRelease(
      fx,
      'default',
      'never-ready',
      (o) => conditionOf(o, 'Stalled')?.status === 'True',
    );
    expect(conditionOf(stalled, 'Stalled')).toMatchObject({
      reason: 'RetriesExceeded',
      message: 'Failed to install after 2 attempt(s)',
    });
    expect(stalled.status?.installFailures).toBe(2);
    expect(conditionOf(stalled, 'Ready')?.status).toBe('False');
    const events = await eventsFor(fx, 'HelmRelease', 'never-ready');
    const installFailed = events.find((e) => e.reason === 'InstallFailed');
    expect(installFailed?.message).toMatch(
      /^Helm install failed for release default\/never-ready with chart podinfo@6\.2\.2: timeout waiting for: \[Deployment\/default\/never-ready-podinfo status: 'InProgress'\]/s,
    );
    expect(installFailed?.message).toContain('\n\nLast Helm logs:\n\n');
    expect(events).toContainEqual(
      expect.objectContaining({
        reason: 'UninstallSucceeded',
        message:
          'Helm uninstall remediation for release default/never-ready.v1 with chart podinfo@6.2.2 succeeded',
      }),
    );
    // install.remediateLastFailure defaults to false: the last failed install stays for inspection.
    const left = JSON.parse(await helmCli(fx, ['list', '-n', 'default', '--failed', '-o', 'json'])) as {
      name: string;
    }[];
    expect(left.map((r) => r.name)).toContain('never-ready');
  });

  it('rolls a failed upgrade back to the last good release, then stalls after the retries', async () => {
    const spec = { interval: '10m', chart, upgrade: { timeout: '3s', remediation: { retries: 1 } } };
    await applyRelease(fx, 'default', 'rollback', { ...spec, values: { replicaCount: 1 } });
    await waitForRelease(fx, 'default', 'rollback', readyWith('True', 'InstallSucceeded'));
    await applyRelease(fx, 'default', 'rollback', {
      ...spec,
      values: { replicaCount: 1, image: missingImage },
    });
    const stalled = await waitForRelease(
      fx,
      'default',
      'rollback',
      (o) => conditionOf(o, 'Stalled')?.status === 'True',
    );
    expect(conditionOf(stalled, 'Stalled')).toMatchObject({
      reason: 'RetriesExceeded',
      message: 'Failed to upgrade after 2 attempt(s)',
    });
    expect(conditionOf(stalled, 'Remediated')).toMatchObject({
      status: 'True',
      reason: 'RollbackSucceeded',
    });
    expect(conditionOf(stalled, 'Remediated')?.message).toMatch(
      /^Helm rollback to previous release default\/rollback\.v\d with chart podinfo@6\.2\.2 succeeded$/,
    );
    // The last good release runs again: helm sees a deployed rollback revision.
    const history = JSON.parse(await helmCli(fx, ['history', 'rollback', '-n', 'default', '-o', 'json'])) as {
      status: string;
      description: string;
    }[];
    expect(history.at(-1)).toMatchObject({
      status: 'deployed',
      description: expect.stringMatching(/^Rollback to \d/),
    });
    const deploy = await fx.resources.get<
      {
        spec: { template: { spec: { containers: { image: string }[] } } };
      } & import('../../kube/objects.js').KubeObject
    >({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: 'default',
      name: 'rollback-podinfo',
    });
    expect(deploy?.spec.template.spec.containers[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.2.2');
  });

  it('recovers from RetriesExceeded on a spec change (failure counters reset)', async () => {
    await applyRelease(fx, 'default', 'rollback', {
      interval: '10m',
      chart,
      upgrade: { timeout: '3s', remediation: { retries: 1 } },
      values: { replicaCount: 2 },
    });
    const hr = await waitForRelease(fx, 'default', 'rollback', readyWith('True', 'UpgradeSucceeded'));
    expect(hr.status?.upgradeFailures ?? 0).toBe(0);
    expect(conditionOf(hr, 'Stalled')).toBeUndefined();
  });
});
