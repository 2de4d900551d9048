import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import {
  applyOciRepository,
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

describe('OCIRepository lifecycle', () => {
  it('does nothing while suspended but records the handled request, and resumes', async () => {
    await pushFluxArtifact(host, 'apps/suspended', 'v1', { 'a.yaml': 'one' });
    await applyOciRepository(fx.resources, 'suspended', {
      url: `oci://${host}/apps/suspended`,
      ref: { tag: 'v1' },
      insecure: true,
      suspend: true,
    });
    await requestReconcile(fx.resources, 'suspended', 'while-suspended');
    const held = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('suspended'),
      (o) => o.status?.lastHandledReconcileAt === 'while-suspended',
    );
    expect(held.status?.artifact).toBeUndefined();
    expect(await eventsOf(fx.resources, 'suspended')).toEqual([]);

    await applyOciRepository(fx.resources, 'suspended', {
      url: `oci://${host}/apps/suspended`,
      ref: { tag: 'v1' },
      insecure: true,
      suspend: false,
    });
    const resumed = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('suspended'),
      (o) => ready(o)?.status === 'True',
    );
    expect(resumed.status?.artifact?.revision).toMatch(/^v1@sha256:/);
  });

  it('refuses to pretend it verified a signature', async () => {
    await pushFluxArtifact(host, 'apps/signed', 'v1', { 'a.yaml': 'one' });
    await applyOciRepository(fx.resources, 'signed', {
      url: `oci://${host}/apps/signed`,
      ref: { tag: 'v1' },
      insecure: true,
      verify: { provider: 'cosign' },
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('signed'),
      (o) => ready(o)?.status === 'False',
    );
    const message =
      "failed to verify the signature using provider 'cosign keyless': signature verification is not supported by Tideline";
    expect(ready(obj)).toMatchObject({ reason: 'VerificationError', message });
    expect(condition(obj, 'SourceVerified')).toMatchObject({
      status: 'False',
      reason: 'VerificationError',
      message,
    });
    expect(obj.status?.artifact).toBeUndefined();
  });

  it('removes its artifacts and its finalizer when deleted', async () => {
    await pushFluxArtifact(host, 'apps/deleted', 'v1', { 'a.yaml': 'one' });
    await applyOciRepository(fx.resources, 'deleted', {
      url: `oci://${host}/apps/deleted`,
      ref: { tag: 'v1' },
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('deleted'),
      (o) => ready(o)?.status === 'True',
    );
    const artifactUrl = obj.status?.artifact?.url ?? '';
    expect((await fetch(artifactUrl)).status).toBe(200);
    await fx.resources.delete(ociRef('deleted'));
    const deadline = Date.now() + 30_000;
    while ((await fx.resources.get(ociRef('deleted'))) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    expect(await fx.resources.get(ociRef('deleted'))).toBeUndefined();
    expect((await fetch(artifactUrl)).status).toBe(404);
  });
});
