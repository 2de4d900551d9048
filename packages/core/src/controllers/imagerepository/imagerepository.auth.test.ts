import { request as httpRequest } from 'node:http';
import { createServer, type Server } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTestPki, type TestPki } from '../../testing/sandbox.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import {
  applyImageObject,
  dockerConfigSecret,
  imageEvents,
  imageObjectRef,
  pushTags,
  type ImageObject,
} from '../../testing/image-fixture.js';

const AUTH = { username: 'flux', password: 'S3cret-registry-pass' };
let fx: ClusterFixture;
let host: string;
let pkiDir: string;
let pki: TestPki;
let tlsFront: Server;
let tlsHost: string;

/** An HTTPS front (test CA, client certificate required) to the plain-HTTP sandbox registry. */
function startTlsFront(upstream: string): Promise<Server> {
  const server = createServer(
    {
      cert: pki.server.cert,
      key: pki.server.key,
      ca: pki.ca.cert,
      requestCert: true,
      rejectUnauthorized: true,
    },
    (req, res) => {
      const forward = httpRequest(
        `http://${upstream}${req.url ?? '/'}`,
        { method: req.method, headers: { ...req.headers, host: upstream } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers);
          up.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    },
  );
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

beforeAll(async () => {
  fx = await startClusterFixture({ registryAuth: AUTH });
  host = fx.sandbox.registryHost;
  await pushTags(host, 'private/app', ['v1.0.0', 'v1.0.1'], AUTH);
  pkiDir = await mkdtemp(join(tmpdir(), 'tideline-pki-'));
  pki = await generateTestPki(pkiDir);
  tlsFront = await startTlsFront(host);
  const address = tlsFront.address();
  tlsHost = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  tlsFront?.close();
  await fx?.stop();
  if (pkiDir) await rm(pkiDir, { recursive: true, force: true });
});

const repoRef = (name: string): ReturnType<typeof imageObjectRef> => imageObjectRef('ImageRepository', name);
const settled = (o: ImageObject): boolean => ready(o)?.status === 'True' || ready(o)?.status === 'False';

/** Status and events of an object, to check that no credential leaked. */
async function visibleText(name: string): Promise<string> {
  const obj = await fx.resources.get<ImageObject>(repoRef(name));
  return (
    JSON.stringify(obj?.status) + JSON.stringify(await imageEvents(fx.resources, 'ImageRepository', name))
  );
}

describe('ImageRepository authentication (htpasswd registry)', () => {
  it('scans with a dockerconfigjson secretRef', async () => {
    await dockerConfigSecret(fx.resources, 'pull', host, AUTH);
    await applyImageObject(fx.resources, 'ImageRepository', 'right', {
      image: `${host}/private/app`,
      interval: '1h',
      insecure: true,
      secretRef: { name: 'pull' },
    });
    const obj = await waitForObject<ImageObject>(fx.resources, repoRef('right'), settled);
    expect(ready(obj)?.status).toBe('True');
    expect(obj.status?.lastScanResult?.tagCount).toBe(2);
  });

  it('scans with a ServiceAccount imagePullSecret', async () => {
    await fx.resources.apply(
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: 'puller', namespace: 'default' },
        imagePullSecrets: [{ name: 'pull' }],
      },
      { fieldManager: 'test' },
    );
    await applyImageObject(fx.resources, 'ImageRepository', 'by-sa', {
      image: `${host}/private/app`,
      interval: '1h',
      insecure: true,
      serviceAccountName: 'puller',
    });
    const obj = await waitForObject<ImageObject>(fx.resources, repoRef('by-sa'), settled);
    expect(ready(obj)?.status).toBe('True');
  });

  it('reports a registry 401 as a failed scan (ReadOperationFailed), as Flux does, without leaking the password', async () => {
    await dockerConfigSecret(fx.resources, 'wrong', host, {
      username: AUTH.username,
      password: 'wrong-pass-value',
    });
    await applyImageObject(fx.resources, 'ImageRepository', 'wrong', {
      image: `${host}/private/app`,
      interval: '1h',
      insecure: true,
      secretRef: { name: 'wrong' },
    });
    const obj = await waitForObject<ImageObject>(fx.resources, repoRef('wrong'), settled);
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'ReadOperationFailed',
      message: `scan failed: GET http://${host}/v2/private/app/tags/list?n=1000: UNAUTHORIZED: authentication required`,
    });
    const text = await visibleText('wrong');
    expect(text).not.toContain('wrong-pass-value');
    expect(text).not.toContain(Buffer.from(`${AUTH.username}:wrong-pass-value`).toString('base64'));
  });

  it.each([
    [{ secretRef: { name: 'nope' } }, 'failed to configure authentication options: secrets "nope" not found'],
    [
      { serviceAccountName: 'ghost' },
      "failed to configure authentication options: serviceaccount 'default/ghost' not found",
    ],
    [
      { certSecretRef: { name: 'no-cert' } },
      'failed to configure authentication options: secrets "no-cert" not found',
    ],
  ])('reports %j as AuthenticationFailed', async (extra, message) => {
    const name = `auth-${Object.keys(extra)[0]?.toLowerCase() ?? ''}`;
    await applyImageObject(fx.resources, 'ImageRepository', name, {
      image: `${host}/private/app`,
      interval: '1h',
      insecure: true,
      ...extra,
    });
    const obj = await waitForObject<ImageObject>(fx.resources, repoRef(name), settled);
    expect(ready(obj)).toMatchObject({ status: 'False', reason: 'AuthenticationFailed', message });
  });

  it('reaches an HTTPS registry with a custom CA and client certificate from certSecretRef', async () => {
    await fx.resources.apply(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'registry-tls', namespace: 'default' },
        data: {
          'ca.crt': Buffer.from(pki.ca.cert).toString('base64'),
          'tls.crt': Buffer.from(pki.client.cert).toString('base64'),
          'tls.key': Buffer.from(pki.client.key).toString('base64'),
        },
      },
      { fieldManager: 'test' },
    );
    await dockerConfigSecret(fx.resources, 'pull-tls', tlsHost, AUTH);
    await applyImageObject(fx.resources, 'ImageRepository', 'tls', {
      image: `${tlsHost}/private/app`,
      interval: '1h',
      secretRef: { name: 'pull-tls' },
      certSecretRef: { name: 'registry-tls' },
    });
    const obj = await waitForObject<ImageObject>(fx.resources, repoRef('tls'), settled);
    expect(ready(obj)?.message).toMatch(/^successful scan: found 2 tags/);
    // Without the CA the server certificate is not trusted.
    await applyImageObject(fx.resources, 'ImageRepository', 'tls-untrusted', {
      image: `${tlsHost}/private/app`,
      interval: '1h',
      secretRef: { name: 'pull-tls' },
    });
    const untrusted = await waitForObject<ImageObject>(fx.resources, repoRef('tls-untrusted'), settled);
    expect(ready(untrusted)?.reason).toBe('ReadOperationFailed');
  });
});
