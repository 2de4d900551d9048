import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FLUX_MEDIA_TYPES,
  ProcessSupervisor,
  pushOciArtifact,
  startRegistry,
  type Registry,
} from '../../testing/sandbox.js';
import type { AddressPolicy } from '../address-policy.js';
import { OciRegistryClient } from './registry-client.js';

/**
 * The address policy on the OCI client, against the sandbox registry (distribution) behind small
 * fronts: a token service as Docker Hub's, and a blob redirect as registries that serve blobs
 * from a CDN. Allowed: 127.0.0.1 (an exception). Forbidden: anything on 127.0.0.2.
 */
const supervisor = new ProcessSupervisor();
const TOKEN = 'tok-address-policy';
let scratch = '';
let registry: Registry;
const servers: Server[] = [];
const reached: string[] = [];

async function listen(
  host: string,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return `${host}:${(server.address() as AddressInfo).port}`;
}

/** A registry front: Bearer challenges naming `realm`, blobs redirected to `blobs` when set. */
function front(realm: () => string, blobs?: () => string) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void (async () => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        res
          .writeHead(401, { 'www-authenticate': `Bearer realm="http://${realm()}/token",service="s"` })
          .end();
        return;
      }
      if (blobs && req.url?.includes('/blobs/')) {
        res.writeHead(307, { location: `http://${blobs()}${req.url}` }).end();
        return;
      }
      const answer = await fetch(`http://${registry.host}${req.url ?? ''}`, {
        method: req.method,
        headers: { accept: req.headers.accept ?? '*/*' },
      });
      const headers: Record<string, string> = {};
      answer.headers.forEach((value, key) => {
        if (!['content-encoding', 'transfer-encoding', 'connection'].includes(key)) headers[key] = value;
      });
      res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
    })();
  };
}

const tokenService = (name: string) => (req: IncomingMessage, res: ServerResponse) => {
  reached.push(`${name}${req.url ?? ''}`);
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: TOKEN }));
};

let goodRealm = '';
let badRealm = '';
let badBlobs = '';
let withGoodRealm = '';
let withBadRealm = '';
let withBadBlobs = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'tideline-oci-policy-'));
  registry = await startRegistry({
    dataDir: join(scratch, 'data'),
    supervisor,
    logFile: join(scratch, 'log'),
  });
  await pushOciArtifact({
    host: registry.host,
    repository: 'team/app',
    tag: 'v1',
    layers: [{ mediaType: FLUX_MEDIA_TYPES.content, data: Buffer.from('layer') }],
  });
  goodRealm = await listen('127.0.0.1', tokenService('good'));
  badRealm = await listen('127.0.0.2', tokenService('bad'));
  badBlobs = await listen('127.0.0.2', (req, res) => {
    reached.push(`blobs${req.url ?? ''}`);
    res.writeHead(404).end();
  });
  withGoodRealm = await listen(
    '127.0.0.1',
    front(() => goodRealm),
  );
  withBadRealm = await listen(
    '127.0.0.1',
    front(() => badRealm),
  );
  withBadBlobs = await listen(
    '127.0.0.1',
    front(
      () => goodRealm,
      () => badBlobs,
    ),
  );
}, 60_000);

afterAll(async () => {
  for (const server of servers) server.close();
  await supervisor.stopAll();
  await rm(scratch, { recursive: true, force: true });
});

const policy: AddressPolicy = { refuseInternal: true, allow: ['127.0.0.1'] };
const client = (registryHost: string, addressPolicy?: AddressPolicy): OciRegistryClient =>
  new OciRegistryClient({
    address: { registry: registryHost, repository: 'team/app' },
    insecure: true,
    signal: AbortSignal.timeout(10_000),
    addressPolicy,
  });

describe('address policy on the OCI client', () => {
  it('works through allowed hosts: registry, token realm and blobs', async () => {
    reached.length = 0;
    const c = client(withGoodRealm, policy);
    const manifest = await c.fetchManifest('v1');
    const layer = manifest.layers[0];
    expect(layer).toBeDefined();
    expect((await c.fetchBlob(layer!, 1024)).toString()).toBe('layer');
    expect(reached).toEqual(['good/token?service=s&scope=repository%3Ateam%2Fapp%3Apull']);
  });

  it('asks a token realm on a loopback address when there is no policy (so the refusal below is real)', async () => {
    reached.length = 0;
    await client(withBadRealm).resolveTag('v1');
    expect(reached).toHaveLength(1);
  });

  it('refuses a token realm on a forbidden address, without asking it', async () => {
    reached.length = 0;
    await expect(client(withBadRealm, policy).resolveTag('v1')).rejects.toThrow(
      `GET http://${badRealm}/token?service=s&scope=repository%3Ateam%2Fapp%3Apull: refusing to connect to 127.0.0.2, a loopback address (engine address policy)`,
    );
    expect(reached).toEqual([]);
  });

  it('refuses a redirect to a forbidden address, without following it', async () => {
    reached.length = 0;
    const c = client(withBadBlobs, policy);
    const manifest = await c.fetchManifest('v1');
    await expect(c.fetchBlob(manifest.layers[0]!, 1024)).rejects.toThrow(
      'refusing to connect to 127.0.0.2, a loopback address (engine address policy)',
    );
    expect(reached.filter((r) => r.startsWith('blobs'))).toEqual([]);
  });

  it('refuses a registry on a forbidden address', async () => {
    await expect(client(registry.host, { refuseInternal: true }).resolveTag('v1')).rejects.toThrow(
      `GET http://${registry.host}/v2/team/app/manifests/v1: refusing to connect to 127.0.0.1, a loopback address (engine address policy)`,
    );
  });
});
