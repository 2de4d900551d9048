import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import {
  applyOciRepository,
  artifactFiles,
  eventsOf,
  ociRef,
  pushFluxArtifact,
  requestReconcile,
  type OciRepo,
} from '../../testing/oci-fixture.js';

let fx: ClusterFixture;
let host: string;

beforeAll(async () => {
  fx = await startClusterFixture();
  host = fx.sandbox.registryHost;
});

afterAll(async () => {
  await fx?.stop();
});

const condition = (o: OciRepo, type: string) => o.status?.conditions?.find((c) => c.type === type);

describe('OCIRepository by tag and digest', () => {
  it('pulls a Flux artifact by tag with Flux revision, conditions, metadata and event', async () => {
    const files = { 'deploy/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n' };
    const { digest } = await pushFluxArtifact(host, 'apps/podinfo', 'v1.0.0', files, {
      origin: { source: 'https://github.com/acme/app', revision: 'main@sha1:0123' },
    });
    await applyOciRepository(fx.resources, 'tagged', {
      url: `oci://${host}/apps/podinfo`,
      ref: { tag: 'v1.0.0' },
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('tagged'),
      (o) => ready(o)?.status === 'True',
    );
    const revision = `v1.0.0@${digest}`;
    expect(obj.status?.artifact?.revision).toBe(revision);
    expect(ready(obj)).toMatchObject({
      reason: 'Succeeded',
      message: `stored artifact for digest '${revision}'`,
    });
    expect(condition(obj, 'ArtifactInStorage')).toMatchObject({
      status: 'True',
      reason: 'Succeeded',
      message: `stored artifact for digest '${revision}'`,
    });
    expect(obj.status?.artifact?.path).toBe(`ocirepository/default/tagged/${digest}.tar.gz`);
    expect(obj.status?.artifact?.metadata).toMatchObject({
      'org.opencontainers.image.source': 'https://github.com/acme/app',
      'org.opencontainers.image.revision': 'main@sha1:0123',
    });
    expect(obj.status?.url).toBe(obj.status?.artifact?.url);
    expect(obj.status?.observedGeneration).toBe(obj.metadata.generation);
    expect(obj.metadata.finalizers).toContain('finalizers.fluxcd.io');
    expect(obj.status?.conditions?.map((c) => c.type)).toEqual(['Ready', 'ArtifactInStorage']);
    expect(await artifactFiles(obj.status!.artifact!)).toEqual(files);
    const stored = (await eventsOf(fx.resources, 'tagged')).find((e) => e.reason === 'NewArtifact');
    expect(stored?.message).toBe(
      `stored artifact with revision '${revision}' from 'oci://${host}/apps/podinfo', origin source 'https://github.com/acme/app', origin revision 'main@sha1:0123'`,
    );
    expect(stored?.metadata.annotations).toMatchObject({
      'source.toolkit.fluxcd.io/revision': revision,
      'source.toolkit.fluxcd.io/digest': obj.status?.artifact?.digest,
    });
  });

  it('defaults to the latest tag and follows a re-pushed tag; an unchanged digest skips the pull', async () => {
    await pushFluxArtifact(host, 'apps/default', 'latest', { 'a.yaml': 'one' });
    await applyOciRepository(fx.resources, 'latest', { url: `oci://${host}/apps/default`, insecure: true });
    const first = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('latest'),
      (o) => ready(o)?.status === 'True',
    );
    expect(first.status?.artifact?.revision).toMatch(/^latest@sha256:[0-9a-f]{64}$/);

    await requestReconcile(fx.resources, 'latest', 'same');
    const same = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('latest'),
      (o) => o.status?.lastHandledReconcileAt === 'same',
    );
    expect(same.status?.artifact).toEqual(first.status?.artifact);
    const upToDate = (await eventsOf(fx.resources, 'latest')).find((e) => e.reason === 'ArtifactUpToDate');
    expect(upToDate?.message).toBe(
      `artifact up-to-date with remote revision: '${first.status?.artifact?.revision}'`,
    );

    const { digest } = await pushFluxArtifact(host, 'apps/default', 'latest', { 'a.yaml': 'two' });
    await requestReconcile(fx.resources, 'latest', 'moved');
    const moved = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('latest'),
      (o) => o.status?.artifact?.revision === `latest@${digest}` && ready(o)?.status === 'True',
    );
    expect(await artifactFiles(moved.status!.artifact!)).toEqual({ 'a.yaml': 'two' });
    expect((await eventsOf(fx.resources, 'latest')).filter((e) => e.reason === 'NewArtifact')).toHaveLength(
      2,
    );
  });

  it('pins a digest: revision is the bare digest, and the digest wins over tag and semver', async () => {
    const { digest } = await pushFluxArtifact(host, 'apps/pinned', '1.0.0', { 'x.yaml': 'pinned' });
    await pushFluxArtifact(host, 'apps/pinned', '2.0.0', { 'x.yaml': 'newer' });
    await applyOciRepository(fx.resources, 'pinned', {
      url: `oci://${host}/apps/pinned`,
      ref: { digest, tag: '2.0.0', semver: '>=1.0.0' },
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('pinned'),
      (o) => ready(o)?.status === 'True',
    );
    expect(obj.status?.artifact?.revision).toBe(digest);
    expect(obj.status?.artifact?.path).toBe(`ocirepository/default/pinned/${digest}.tar.gz`);
    expect(await artifactFiles(obj.status!.artifact!)).toEqual({ 'x.yaml': 'pinned' });
  });

  it('reports a missing tag as OCIArtifactPullFailed', async () => {
    await applyOciRepository(fx.resources, 'missing', {
      url: `oci://${host}/apps/podinfo`,
      ref: { tag: 'nope' },
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('missing'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('OCIArtifactPullFailed');
    expect(ready(obj)?.message).toMatch(
      /^failed to determine artifact digest: GET http:\/\/127\.0\.0\.1:\d+\/v2\/apps\/podinfo\/manifests\/nope: MANIFEST_UNKNOWN: manifest unknown/,
    );
    expect(condition(obj, 'FetchFailed')).toMatchObject({ status: 'True', reason: 'OCIArtifactPullFailed' });
    expect(condition(obj, 'Reconciling')?.reason).toBe('ProgressingWithRetry');
    const warning = (await eventsOf(fx.resources, 'missing')).find((e) => e.type === 'Warning');
    expect(warning?.reason).toBe('OCIArtifactPullFailed');
  });

  it('stalls on a URL with a tag in it (URLInvalid)', async () => {
    await applyOciRepository(fx.resources, 'bad-url', {
      url: `oci://${host}/apps/podinfo:v1`,
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('bad-url'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({
      reason: 'URLInvalid',
      message: `URL validation failed for 'oci://${host}/apps/podinfo:v1': URL must not contain a tag; remove ':v1'`,
    });
    expect(condition(obj, 'Stalled')).toMatchObject({ status: 'True', reason: 'URLInvalid' });
  });
});
