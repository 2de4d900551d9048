import { createHash, createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';

let fx: ClusterFixture;
const TOKEN = 'receiver-t0ken';
type Receiver = KubeObject & { status?: { webhookPath?: string; lastRequest?: { status: number } } };
const receiverRef = (name: string) => ({
  apiVersion: 'notification.toolkit.fluxcd.io/v1',
  kind: 'Receiver',
  namespace: 'default',
  name,
});
const gitRef = (name: string) => ({
  apiVersion: 'source.toolkit.fluxcd.io/v1',
  kind: 'GitRepository',
  namespace: 'default',
  name,
});

async function apply(obj: Record<string, unknown>): Promise<void> {
  await fx.resources.apply(obj as unknown as KubeObject, { fieldManager: 'test' });
}

async function requestedAt(name: string): Promise<string | undefined> {
  return (await fx.resources.get(gitRef(name)))?.metadata.annotations?.['reconcile.fluxcd.io/requestedAt'];
}

async function receiver(name: string, spec: Record<string, unknown>): Promise<string> {
  await apply({
    apiVersion: 'notification.toolkit.fluxcd.io/v1',
    kind: 'Receiver',
    metadata: { name, namespace: 'default' },
    spec: { secretRef: { name: 'hook-token' }, ...spec },
  });
  const obj = await waitForObject<Receiver>(
    fx.resources,
    receiverRef(name),
    (o) => ready(o)?.status === 'True',
  );
  return obj.status?.webhookPath ?? '';
}

beforeAll(async () => {
  fx = await startClusterFixture();
  await apply({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'hook-token', namespace: 'default' },
    stringData: { token: TOKEN },
  });
  for (const [name, labels] of [
    ['app', { team: 'web' }],
    ['other', { team: 'api' }],
  ] as const)
    await apply({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name, namespace: 'default', labels },
      spec: { url: 'https://127.0.0.1:1/none.git', interval: '1h', suspend: true },
    });
});

afterAll(async () => {
  await fx?.stop();
});

describe('Receiver', () => {
  it('publishes /hook/<sha256(token+name+namespace)> with Flux Ready message', async () => {
    const path = await receiver('gh', {
      type: 'github',
      events: ['push'],
      resources: [{ kind: 'GitRepository', name: 'app' }],
    });
    const digest = createHash('sha256').update(`${TOKEN}ghdefault`).digest('hex');
    expect(path).toBe(`/hook/${digest}`);
    const obj = await fx.resources.get(receiverRef('gh'));
    expect(ready(obj as Receiver)).toMatchObject({
      reason: 'Succeeded',
      message: `Receiver initialized for path: ${path}`,
    });
  });

  it('github: a forged signature is refused and annotates nothing; a valid push annotates the resource', async () => {
    const path = await receiver('gh', {
      type: 'github',
      events: ['push'],
      resources: [{ kind: 'GitRepository', name: 'app' }],
    });
    const body = Buffer.from('{"ref":"refs/heads/main"}');
    const forged = await fx.engine.receivers.handle({
      path,
      body,
      headers: { 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` },
    });
    expect(forged.status).toBe(400);
    expect(await requestedAt('app')).toBeUndefined();
    const ping = await fx.engine.receivers.handle({
      path,
      body,
      headers: {
        'x-github-event': 'ping',
        'x-hub-signature-256': `sha256=${createHmac('sha256', TOKEN).update(body).digest('hex')}`,
      },
    });
    expect(ping.status).toBe(400);
    const good = await fx.engine.receivers.handle({
      path,
      body,
      headers: {
        'x-github-event': 'push',
        'x-hub-signature-256': `sha256=${createHmac('sha256', TOKEN).update(body).digest('hex')}`,
      },
    });
    expect(good).toEqual({ status: 200, annotated: 1 });
    expect(await requestedAt('app')).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC$/);
    expect(await requestedAt('other')).toBeUndefined();
  });

  it('404s an unknown path; generic-hmac and gitlab verify; * with matchLabels and a CEL filter', async () => {
    expect(
      (await fx.engine.receivers.handle({ path: '/hook/deadbeef', body: Buffer.alloc(0), headers: {} }))
        .status,
    ).toBe(404);
    const path = await receiver('hmac', {
      type: 'generic-hmac',
      resources: [{ kind: 'GitRepository', name: '*', matchLabels: { team: 'api' } }],
      resourceFilter: 'req.target == res.metadata.name',
    });
    const body = Buffer.from('{"target":"other"}');
    const sign = (b: Buffer): string => `sha512=${createHmac('sha512', TOKEN).update(b).digest('hex')}`;
    expect(
      (await fx.engine.receivers.handle({ path, body, headers: { 'x-signature': 'sha512=00' } })).status,
    ).toBe(400);
    const ok = await fx.engine.receivers.handle({
      path,
      body,
      headers: { 'x-signature': sign(body), 'content-type': 'application/json' },
    });
    expect(ok).toEqual({ status: 200, annotated: 1 });
    const miss = Buffer.from('{"target":"nope"}');
    expect(
      await fx.engine.receivers.handle({
        path,
        body: miss,
        headers: { 'x-signature': sign(miss), 'content-type': 'application/json' },
      }),
    ).toEqual({ status: 200, annotated: 0 });
    const gl = await receiver('gl', { type: 'gitlab', resources: [{ kind: 'GitRepository', name: 'app' }] });
    expect(
      (await fx.engine.receivers.handle({ path: gl, body, headers: { 'x-gitlab-token': 'wrong' } })).status,
    ).toBe(400);
    expect(
      (await fx.engine.receivers.handle({ path: gl, body, headers: { 'x-gitlab-token': TOKEN } })).status,
    ).toBe(200);
  });

  it('stalls on an invalid CEL filter with Flux terminal message', async () => {
    await apply({
      apiVersion: 'notification.toolkit.fluxcd.io/v1',
      kind: 'Receiver',
      metadata: { name: 'badcel', namespace: 'default' },
      spec: {
        type: 'generic',
        secretRef: { name: 'hook-token' },
        resources: [{ kind: 'GitRepository', name: 'app' }],
        resourceFilter: 'res.metadata.name +',
      },
    });
    const obj = await waitForObject<Receiver>(
      fx.resources,
      receiverRef('badcel'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({ reason: 'InvalidCELExpression' });
    expect(ready(obj)?.message).toMatch(
      /^Reconciliation failed terminally due to configuration error: invalid resourceFilter expression: /,
    );
  });

  it('a verified push reconciles GitRepository then Kustomization quickly (latency measured)', async () => {
    const repo = new GitWorkTree(await fx.sandbox.createGitRepository('latency'));
    const cm = (v: string): string =>
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lat\n  namespace: default\ndata:\n  v: "${v}"\n`;
    await repo.commit({ 'app/cm.yaml': cm('0') });
    await apply({
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata: { name: 'lat', namespace: 'default' },
      spec: { url: repo.remoteUrl, interval: '1h', ref: { branch: 'main' } },
    });
    await apply({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'lat', namespace: 'default' },
      spec: { interval: '1h', path: './app', prune: true, sourceRef: { kind: 'GitRepository', name: 'lat' } },
    });
    const ksRef = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      namespace: 'default',
      name: 'lat',
    };
    await waitForObject(fx.resources, ksRef, (o) => ready(o as Receiver)?.status === 'True');
    const path = await receiver('lat', {
      type: 'github',
      events: ['push'],
      resources: [{ kind: 'GitRepository', name: 'lat' }],
    });
    const samples: number[] = [];
    for (let i = 1; i <= 3; i += 1) {
      const sha = await repo.commit({ 'app/cm.yaml': cm(String(i)) });
      const body = Buffer.from(JSON.stringify({ ref: 'refs/heads/main', after: sha }));
      const started = performance.now();
      const answer = await fx.engine.receivers.handle({
        path,
        body,
        headers: {
          'x-github-event': 'push',
          'x-hub-signature-256': `sha256=${createHmac('sha256', TOKEN).update(body).digest('hex')}`,
        },
      });
      expect(answer.status).toBe(200);
      await waitForObject<KubeObject & { status?: { lastAppliedRevision?: string } }>(
        fx.resources,
        ksRef,
        (o) => o.status?.lastAppliedRevision === `main@sha1:${sha}`,
        10_000,
      );
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    console.log(
      `receiver → GitRepository → Kustomization applied: ${samples.map((s) => `${Math.round(s)} ms`).join(', ')} (median ${Math.round(samples[1] ?? 0)} ms)`,
    );
    expect(samples[1]).toBeLessThan(2000);
    repo.remove();
  });
});
