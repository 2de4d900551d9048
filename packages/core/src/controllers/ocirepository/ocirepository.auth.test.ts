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
  type OciRepo,
} from '../../testing/oci-fixture.js';

const AUTH = { username: 'flux', password: 'S3cret-registry-pass' };
let fx: ClusterFixture;
let host: string;
let digest: string;

beforeAll(async () => {
  fx = await startClusterFixture({ registryAuth: AUTH });
  host = fx.sandbox.registryHost;
  digest = (await pushFluxArtifact(host, 'private/app', 'v1', { 'a.yaml': 'private' }, { auth: AUTH }))
    .digest;
});

afterAll(async () => {
  await fx?.stop();
});

async function dockerConfigSecret(name: string, username: string, password: string): Promise<void> {
  const config = { auths: { [host]: { auth: Buffer.from(`${username}:${password}`).toString('base64') } } };
  await fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: 'default' },
      type: 'kubernetes.io/dockerconfigjson',
      data: { '.dockerconfigjson': Buffer.from(JSON.stringify(config)).toString('base64') },
    },
    { fieldManager: 'test' },
  );
}

/** Everything the object and its events show, to check that no credential leaked. */
async function visibleText(name: string): Promise<string> {
  const obj = await fx.resources.get<OciRepo>(ociRef(name));
  return JSON.stringify(obj?.status) + JSON.stringify(await eventsOf(fx.resources, name));
}

describe('OCIRepository authentication (htpasswd registry)', () => {
  it('pulls with the right credentials from a dockerconfigjson Secret', async () => {
    await dockerConfigSecret('right', AUTH.username, AUTH.password);
    await applyOciRepository(fx.resources, 'right', {
      url: `oci://${host}/private/app`,
      ref: { tag: 'v1' },
      insecure: true,
      secretRef: { name: 'right' },
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('right'),
      (o) => ready(o)?.status === 'True',
    );
    expect(obj.status?.artifact?.revision).toBe(`v1@${digest}`);
  });

  it('reports wrong credentials as Flux does (OCIArtifactPullFailed, 401) without leaking them', async () => {
    await dockerConfigSecret('wrong', AUTH.username, 'wrong-password-value');
    await applyOciRepository(fx.resources, 'wrong', {
      url: `oci://${host}/private/app`,
      ref: { tag: 'v1' },
      insecure: true,
      secretRef: { name: 'wrong' },
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('wrong'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('OCIArtifactPullFailed');
    expect(ready(obj)?.message).toBe(
      `failed to determine artifact digest: GET http://${host}/v2/private/app/manifests/v1: UNAUTHORIZED: authentication required`,
    );
    const text = await visibleText('wrong');
    expect(text).not.toContain('wrong-password-value');
    expect(text).not.toContain(Buffer.from(`${AUTH.username}:wrong-password-value`).toString('base64'));
  });

  it('goes anonymously without a secretRef, and is refused', async () => {
    await applyOciRepository(fx.resources, 'anonymous', {
      url: `oci://${host}/private/app`,
      ref: { tag: 'v1' },
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('anonymous'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('OCIArtifactPullFailed');
    expect(ready(obj)?.message).toContain('UNAUTHORIZED');
  });

  it('reports a missing Secret as AuthenticationFailed', async () => {
    await applyOciRepository(fx.resources, 'no-secret', {
      url: `oci://${host}/private/app`,
      ref: { tag: 'v1' },
      insecure: true,
      secretRef: { name: 'nope' },
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('no-secret'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({
      reason: 'AuthenticationFailed',
      message: `failed to get credential: failed to get secret 'default/nope': secrets "nope" not found`,
    });
  });

  it('reports an unreadable .dockerconfigjson as AuthenticationFailed', async () => {
    await fx.resources.apply(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'garbled', namespace: 'default' },
        data: { '.dockerconfigjson': Buffer.from('{not json').toString('base64') },
      },
      { fieldManager: 'test' },
    );
    await applyOciRepository(fx.resources, 'garbled', {
      url: `oci://${host}/private/app`,
      ref: { tag: 'v1' },
      insecure: true,
      secretRef: { name: 'garbled' },
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('garbled'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({
      reason: 'AuthenticationFailed',
      message: 'failed to get credential: invalid .dockerconfigjson: not valid JSON',
    });
  });

  it('finds the login among the imagePullSecrets of spec.serviceAccountName', async () => {
    await fx.resources.apply(
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'puller', namespace: 'default' },
        imagePullSecrets: [{ name: 'right' }],
      },
      { fieldManager: 'test' },
    );
    await applyOciRepository(fx.resources, 'via-sa', {
      url: `oci://${host}/private/app`,
      ref: { tag: 'v1' },
      insecure: true,
      serviceAccountName: 'puller',
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('via-sa'),
      (o) => ready(o)?.status === 'True',
    );
    expect(obj.status?.artifact?.revision).toBe(`v1@${digest}`);
  });

  it('never speaks plain HTTP unless insecure is set', async () => {
    await applyOciRepository(fx.resources, 'tls-only', {
      url: `oci://${host}/private/app`,
      ref: { tag: 'v1' },
      secretRef: { name: 'right' },
      timeout: '5s',
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('tls-only'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('OCIArtifactPullFailed');
    expect(ready(obj)?.message).toMatch(
      new RegExp(
        `^failed to determine artifact digest: GET https://${host.replace(/\./g, '\\.')}/v2/private/app/manifests/v1: `,
      ),
    );
    expect(await visibleText('tls-only')).not.toContain(AUTH.password);
  });
});
