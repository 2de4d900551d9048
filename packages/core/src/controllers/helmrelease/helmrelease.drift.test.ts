import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
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
const HR = { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: 'default' };
const chart = (version = '6.2.2') => ({
  spec: { chart: 'podinfo', version, sourceRef: { kind: 'HelmRepository', name: 'charts' } },
});
type Deploy = KubeObject & {
  spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
};
const deployment = (name: string): Promise<Deploy | undefined> =>
  fx.resources.get<Deploy>({ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name });
const PLANTED = 'planted-s3cr3t-7f3a91';

beforeAll(async () => {
  fx = await startClusterFixture({ engine: { helmRelease: { requeueDependencyMs: 1000 } } });
  await publishChartVariants(fx, [
    { from: 'podinfo-6.2.2' },
    // A template that quotes a value in its error: Helm's message would carry the Secret.
    {
      version: '6.2.4',
      files: { 'templates/leak.yaml': '{{ if .Values.leak }}{{ fail .Values.leak }}{{ end }}\n' },
    },
  ]);
  await applyChartRepository(fx, 'default');
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

describe('HelmRelease post-renderers and drift', () => {
  it('post-renders with kustomize images and commonMetadata, persisted in the stored manifest', async () => {
    await applyRelease(fx, 'default', 'rendered', {
      interval: '10m',
      chart: chart(),
      commonMetadata: { labels: { team: 'platform' } },
      postRenderers: [{ kustomize: { images: [{ name: 'ghcr.io/stefanprodan/podinfo', newTag: '6.5.0' }] } }],
    });
    const hr = await waitForRelease(fx, 'default', 'rendered', readyWith('True'));
    expect(hr.status?.observedPostRenderersDigest).toMatch(/^sha256:/);
    const deploy = await deployment('rendered-podinfo');
    expect(deploy?.spec.template.spec.containers[0]?.image).toBe('ghcr.io/stefanprodan/podinfo:6.5.0');
    expect(deploy?.metadata.labels).toMatchObject({
      team: 'platform',
      'helm.toolkit.fluxcd.io/name': 'rendered',
    });
    const manifest = await helmCli(fx, ['get', 'manifest', 'rendered', '-n', 'default']);
    expect(manifest).toContain('ghcr.io/stefanprodan/podinfo:6.5.0');
    expect(manifest).toContain('team: platform');
  });

  it('warns about drift without correcting it in warn mode', async () => {
    await applyRelease(fx, 'default', 'warned', {
      interval: '10m',
      chart: chart(),
      driftDetection: { mode: 'warn' },
    });
    await waitForRelease(
      fx,
      'default',
      'warned',
      (o) => conditionOf(o, 'Drifted')?.reason === 'NoDriftDetected',
    );
    await fx.resources.mergePatch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'warned-podinfo' },
      { spec: { replicas: 3 } },
    );
    await fx.resources.mergePatch(
      { ...HR, name: 'warned' },
      { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'drift-1' } } },
    );
    const hr = await waitForRelease(
      fx,
      'default',
      'warned',
      (o) => o.status?.lastHandledReconcileAt === 'drift-1',
    );
    expect(conditionOf(hr, 'Drifted')).toMatchObject({ status: 'True', reason: 'DriftDetected' });
    expect(conditionOf(hr, 'Drifted')?.message).toMatch(
      /^Cluster state of release default\/warned\.v1 has drifted from the desired state:\nDeployment\/default\/warned-podinfo changed \(\d+ additions, \d+ changes, \d+ removals\)/,
    );
    expect(await eventsFor(fx, 'HelmRelease', 'warned')).toContainEqual(
      expect.objectContaining({ type: 'Warning', reason: 'DriftDetected' }),
    );
    expect((await deployment('warned-podinfo'))?.spec.replicas).toBe(3);
  });

  it('corrects drift in enabled mode', async () => {
    await applyRelease(fx, 'default', 'corrected', {
      interval: '10m',
      chart: chart(),
      driftDetection: { mode: 'enabled' },
    });
    await waitForRelease(
      fx,
      'default',
      'corrected',
      (o) => conditionOf(o, 'Drifted')?.reason === 'NoDriftDetected',
    );
    await fx.resources.mergePatch(
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'corrected-podinfo' },
      { spec: { replicas: 3 } },
    );
    await fx.resources.mergePatch(
      { ...HR, name: 'corrected' },
      { metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'drift-2' } } },
    );
    await waitForRelease(fx, 'default', 'corrected', (o) => o.status?.lastHandledReconcileAt === 'drift-2');
    expect((await deployment('corrected-podinfo'))?.spec.replicas).toBe(1);
    expect(await eventsFor(fx, 'HelmRelease', 'corrected')).toContainEqual(
      expect.objectContaining({
        reason: 'DriftCorrected',
        message: expect.stringContaining('Deployment/default/corrected-podinfo configured'),
      }),
    );
  });
});

describe('HelmRelease secrets, suspend and dependsOn', () => {
  it('never shows a Secret-derived value in status or events, even when Helm quotes it', async () => {
    await fx.resources.apply(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'leaky', namespace: 'default' },
        stringData: { 'values.yaml': `leak: ${PLANTED}\n` },
      },
      { fieldManager: 'test' },
    );
    await applyRelease(fx, 'default', 'secretive', {
      interval: '10m',
      chart: chart('6.2.4'),
      valuesFrom: [{ kind: 'Secret', name: 'leaky' }],
    });
    const hr = await waitForRelease(
      fx,
      'default',
      'secretive',
      (o) => conditionOf(o, 'Ready')?.reason === 'InstallFailed',
    );
    expect(conditionOf(hr, 'Ready')?.message).toContain('*****');
    expect(JSON.stringify(hr)).not.toContain(PLANTED);
    expect(JSON.stringify(await eventsFor(fx, 'HelmRelease', 'secretive'))).not.toContain(PLANTED);
  });

  it('does nothing while suspended, and catches up on resume', async () => {
    await applyRelease(fx, 'default', 'paused', { interval: '10m', chart: chart(), suspend: true });
    await waitForRelease(
      fx,
      'default',
      'paused',
      (o) => o.status?.observedGeneration === o.metadata.generation,
    );
    expect(await deployment('paused-podinfo')).toBeUndefined();
    await applyRelease(fx, 'default', 'paused', { interval: '10m', chart: chart(), suspend: false });
    await waitForRelease(fx, 'default', 'paused', readyWith('True', 'InstallSucceeded'));
  });

  it('waits for dependsOn (DependencyNotReady), then installs', async () => {
    await applyRelease(fx, 'default', 'dependent', {
      interval: '10m',
      chart: chart(),
      dependsOn: [{ name: 'later' }],
    });
    const waiting = await waitForRelease(
      fx,
      'default',
      'dependent',
      (o) => conditionOf(o, 'Ready')?.reason === 'DependencyNotReady',
    );
    expect(conditionOf(waiting, 'Ready')?.message).toBe(
      `unable to get 'default/later' dependency: helmreleases.helm.toolkit.fluxcd.io "later" not found`,
    );
    await applyRelease(fx, 'default', 'later', { interval: '10m', chart: chart() });
    await waitForRelease(fx, 'default', 'dependent', readyWith('True', 'InstallSucceeded'));
  });
});
