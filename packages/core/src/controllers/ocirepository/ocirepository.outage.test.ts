import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Digest } from '../../sources/artifact-store.js';
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

/** A TCP forwarder in front of the sandbox registry that can be taken down and brought back on the same port. */
class Outage {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async up(): Promise<void> {
    this.server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => this.server?.listen(this.port, '127.0.0.1', resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : 0;
  }

  async down(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }
}

let fx: ClusterFixture;
let outage: Outage;
let silent: HttpServer;
let silentPort = 0;

beforeAll(async () => {
  fx = await startClusterFixture();
  const [hostname, port] = fx.sandbox.registryHost.split(':');
  outage = new Outage({ host: hostname ?? '127.0.0.1', port: Number(port) });
  await outage.up();
  // A registry that accepts the request and never answers.
  silent = createHttpServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const address = silent.address();
  silentPort = typeof address === 'object' && address ? address.port : 0;
});

afterAll(async () => {
  await outage?.down();
  silent?.closeAllConnections();
  silent?.close();
  await fx?.stop();
});

describe('OCIRepository when the registry goes away', () => {
  it('keeps and serves the last artifact while unreachable, and recovers without a restart', async () => {
    await pushFluxArtifact(fx.sandbox.registryHost, 'apps/outage', 'v1', { 'a.yaml': 'kept' });
    const url = `oci://127.0.0.1:${outage.port}/apps/outage`;
    await applyOciRepository(fx.resources, 'outage', {
      url,
      ref: { tag: 'v1' },
      insecure: true,
      timeout: '3s',
    });
    const good = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('outage'),
      (o) => ready(o)?.status === 'True',
    );

    await outage.down();
    await requestReconcile(fx.resources, 'outage', 'down');
    const down = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('outage'),
      (o) => o.status?.lastHandledReconcileAt === 'down' && ready(o)?.status === 'False',
    );
    expect(ready(down)?.reason).toBe('OCIArtifactPullFailed');
    expect(ready(down)?.message).toMatch(
      new RegExp(
        `^failed to determine artifact digest: GET http://127\\.0\\.0\\.1:${outage.port}/v2/apps/outage/manifests/v1: .*ECONNREFUSED`,
      ),
    );
    expect(down.status?.artifact).toEqual(good.status?.artifact);
    const served = Buffer.from(await (await fetch(down.status!.artifact!.url)).arrayBuffer());
    expect(sha256Digest(served)).toBe(good.status?.artifact?.digest);

    await outage.up();
    const back = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('outage'),
      (o) => ready(o)?.status === 'True',
      60_000,
    );
    expect(back.status?.artifact?.revision).toBe(good.status?.artifact?.revision);
    const recovered = (await eventsOf(fx.resources, 'outage')).find((e) => e.reason === 'Succeeded');
    expect(recovered?.message).toBe(
      `stored artifact with revision '${good.status?.artifact?.revision}' from '${url}', origin source 'https://github.com/example/app', origin revision 'main@sha1:${'a'.repeat(40)}'`,
    );
  }, 90_000);

  it('gives up on a registry that never answers after spec.timeout', async () => {
    const started = Date.now();
    await applyOciRepository(fx.resources, 'silent', {
      url: `oci://127.0.0.1:${silentPort}/apps/x`,
      ref: { tag: 'v1' },
      insecure: true,
      timeout: '2s',
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('silent'),
      (o) => ready(o)?.status === 'False',
      20_000,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(ready(obj)).toMatchObject({
      reason: 'OCIArtifactPullFailed',
      message: `failed to determine artifact digest: HEAD http://127.0.0.1:${silentPort}/v2/apps/x/manifests/v1: context deadline exceeded`,
    });
  });
});
