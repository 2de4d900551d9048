import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClusterFixture, type ClusterFixture } from '../../testing/cluster-fixture.js';
import { CHART_FIXTURES, eventsFor } from '../../testing/helm-chart-fixture.js';
import {
  applyChartRepository,
  applyRelease,
  conditionOf,
  publishChartVariants,
  readyWith,
  waitForRelease,
} from '../../testing/helm-release-fixture.js';

let fx: ClusterFixture;

/** podinfo's own `faults.testFail` hook, made to fail in the sandbox by its exit-code convention. */
async function failingTestHook(): Promise<string> {
  const fail = await readFile(
    join(CHART_FIXTURES, 'podinfo-6.2.2', 'templates', 'tests', 'fail.yaml'),
    'utf8',
  );
  return fail.replace(
    '"helm.sh/hook": test-success\n',
    '"helm.sh/hook": test-success\n    sandbox.tideline.dev/exit-code: "1"\n',
  );
}

const spec = (values: Record<string, unknown>, test: Record<string, unknown>) => ({
  interval: '10m',
  timeout: '60s',
  chart: {
    spec: { chart: 'podinfo', version: '6.3.0', sourceRef: { kind: 'HelmRepository', name: 'charts' } },
  },
  values,
  test: { enable: true, ...test },
});

beforeAll(async () => {
  fx = await startClusterFixture();
  await publishChartVariants(fx, [
    { version: '6.3.0', files: { 'templates/tests/fail.yaml': await failingTestHook() } },
  ]);
  await applyChartRepository(fx, 'default');
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

describe('HelmRelease tests (helm test against the sandbox kubelet)', () => {
  it('runs the chart tests after install and reports them in Ready and the history', async () => {
    await applyRelease(fx, 'default', 'tested', spec({}, {}));
    const hr = await waitForRelease(fx, 'default', 'tested', readyWith('True', 'TestSucceeded'));
    const hooks = Object.keys(hr.status?.history?.[0]?.testHooks ?? {});
    expect(hooks.length).toBeGreaterThanOrEqual(3);
    expect(conditionOf(hr, 'Ready')?.message).toBe(
      `Helm test succeeded for release default/tested.v1 with chart podinfo@6.3.0: ${hooks.length} test hooks completed successfully`,
    );
    expect(
      Object.values(hr.status?.history?.[0]?.testHooks ?? {}).every((h) => h?.phase === 'Succeeded'),
    ).toBe(true);
    expect(conditionOf(hr, 'Released')?.reason).toBe('InstallSucceeded');
  });

  it('fails on a failing test hook (TestFailed), then remediates by uninstall', async () => {
    await applyRelease(fx, 'default', 'failing', spec({ faults: { testFail: true } }, {}));
    const hr = await waitForRelease(
      fx,
      'default',
      'failing',
      (o) => conditionOf(o, 'TestSuccess')?.reason === 'TestFailed',
    );
    expect(conditionOf(hr, 'TestSuccess')?.message).toMatch(
      /^Helm test failed for release default\/failing\.v1 with chart podinfo@6\.3\.0: /,
    );
    const events = await eventsFor(fx, 'HelmRelease', 'failing');
    expect(events).toContainEqual(expect.objectContaining({ type: 'Warning', reason: 'TestFailed' }));
    const stalled = await waitForRelease(
      fx,
      'default',
      'failing',
      (o) => conditionOf(o, 'Stalled')?.reason === 'RetriesExceeded',
    );
    expect(conditionOf(stalled, 'Ready')?.status).toBe('False');
  });

  it('ignores a failing test with ignoreFailures', async () => {
    await applyRelease(
      fx,
      'default',
      'ignoring',
      spec({ faults: { testFail: true } }, { ignoreFailures: true }),
    );
    const hr = await waitForRelease(
      fx,
      'default',
      'ignoring',
      (o) => conditionOf(o, 'TestSuccess')?.reason === 'TestFailed' && readyWith('True')(o),
    );
    expect(conditionOf(hr, 'Ready')?.reason).toBe('InstallSucceeded');
  });

  it('waits with healthCheckExprs (CEL) after the hooks, and marks a release that fails them failed', async () => {
    const exprs = (failed: string) => [
      { apiVersion: 'apps/v1', kind: 'Deployment', current: 'status.availableReplicas == 1', failed },
    ];
    await applyRelease(fx, 'default', 'cel-ok', {
      ...spec({}, { enable: false }),
      healthCheckExprs: exprs('false'),
    });
    await waitForRelease(fx, 'default', 'cel-ok', readyWith('True', 'InstallSucceeded'));
    await applyRelease(fx, 'default', 'cel-bad', {
      ...spec({}, { enable: false }),
      healthCheckExprs: exprs('status.replicas == 1'),
    });
    const hr = await waitForRelease(
      fx,
      'default',
      'cel-bad',
      (o) => conditionOf(o, 'Released')?.reason === 'InstallFailed',
    );
    expect(conditionOf(hr, 'Released')?.message).toBe(
      "Helm install failed for release default/cel-bad with chart podinfo@6.3.0: failed early due to stalled resources: [Deployment/default/cel-bad-podinfo status: 'Failed']",
    );
    expect(hr.status?.history?.[0]?.status).toBe('failed');
  });
});
