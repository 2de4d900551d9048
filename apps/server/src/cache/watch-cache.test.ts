import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fluxCrds, KubeClient, Resources, type KubeObject } from '@tideline/core';
import { startControlPlane, waitFor, type ControlPlane } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchCache } from './watch-cache.js';

const NS = 'flux-system';
const dir = mkdtempSync(join(tmpdir(), 'watch-cache-'));
let plane: ControlPlane;
let resources: Resources;
let cache: WatchCache;
let seq = 0;

/** Records a core/v1 Event about an object, as a controller would. */
async function recordEvent(kind: string, apiVersion: string, name: string, second: number): Promise<void> {
  seq += 1;
  await resources.create({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name}.${seq}`, namespace: NS },
    involvedObject: { kind, apiVersion, name, namespace: NS },
    reason: 'ReconciliationSucceeded',
    message: `event ${seq}`,
    type: 'Normal',
    source: { component: 'kustomize-controller' },
    firstTimestamp: `2026-01-01T00:00:${String(second).padStart(2, '0')}Z`,
    lastTimestamp: `2026-01-01T00:00:${String(second).padStart(2, '0')}Z`,
    count: 1,
  } as KubeObject);
}

const kustomization = (name: string): KubeObject =>
  ({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace: NS },
    spec: { interval: '10m', path: './', prune: true, sourceRef: { kind: 'GitRepository', name: 'x' } },
  }) as KubeObject;

beforeAll(async () => {
  plane = await startControlPlane({ dataDir: join(dir, 'plane') });
  resources = new Resources(await KubeClient.fromKubeconfig(plane.kubeconfigPath));
  for (const crd of fluxCrds())
    await resources.apply(crd as KubeObject, { fieldManager: 'test', force: true });
  await resources.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  await waitFor(async () => Boolean(await resources.create(kustomization('apps')).catch(() => undefined)), {
    timeoutMs: 30_000,
    what: 'the Kustomization CRD to serve',
  });
  cache = new WatchCache(resources.client, resources, () => {}, { perObject: 3, total: 5 });
  await cache.start();
});

afterAll(async () => {
  cache?.stop();
  await plane?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('watch cache Events', () => {
  it('watches only Events about Flux kinds, keeps a few per object newest first, and a few overall', async () => {
    for (let i = 0; i < 6; i++)
      await recordEvent('Kustomization', 'kustomize.toolkit.fluxcd.io/v1', 'apps', i);
    for (let i = 0; i < 20; i++) await recordEvent('Pod', 'v1', `web-${i}`, i);
    await waitFor(async () => cache.events(`Kustomization/${NS}/apps`)[0]?.message === 'event 6', {
      timeoutMs: 20_000,
      what: 'the watch cache',
    });
    expect(cache.events(`Kustomization/${NS}/apps`).map((e) => e.message)).toEqual([
      'event 6',
      'event 5',
      'event 4',
    ]);
    for (let i = 0; i < 4; i++)
      await recordEvent('GitRepository', 'source.toolkit.fluxcd.io/v1', `repo-${i}`, 30 + i);
    await waitFor(async () => cache.events(`GitRepository/${NS}/repo-3`).length === 1, {
      timeoutMs: 20_000,
      what: 'the watch cache',
    });
    const stats = cache.eventStats();
    // The 20 Pod events never reached the server; the index holds at most 5 of the 10 Flux events.
    expect(stats.watched).toBe(10);
    expect(stats.indexed).toBe(5);
  });

  it('drops an object’s Events when the object is deleted', async () => {
    await resources.create(kustomization('short-lived'));
    await recordEvent('Kustomization', 'kustomize.toolkit.fluxcd.io/v1', 'short-lived', 50);
    await waitFor(async () => cache.events(`Kustomization/${NS}/short-lived`).length === 1, {
      timeoutMs: 20_000,
      what: 'the watch cache',
    });
    await resources.delete({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      namespace: NS,
      name: 'short-lived',
    });
    await waitFor(async () => cache.object('Kustomization', NS, 'short-lived') === undefined, {
      timeoutMs: 20_000,
      what: 'the watch cache',
    });
    expect(cache.events(`Kustomization/${NS}/short-lived`)).toEqual([]);
  });
});

describe('watch cache notifications', () => {
  const ref = {
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    kind: 'Provider',
    namespace: NS,
    name: 'slack',
  };
  const deliver = (time: string, result: string, message?: string): Promise<unknown> =>
    resources.patchStatus(
      ref,
      {
        lastDelivery: {
          time,
          result,
          event: `Kustomization/${NS}/apps`,
          alert: `${NS}/on-call`,
          ...(message ? { message } : {}),
        },
      },
      'notification-controller',
    );

  it("keeps each of a Provider's deliveries the status recorded, newest first, and forgets them with it", async () => {
    await resources.create({
      apiVersion: ref.apiVersion,
      kind: 'Provider',
      metadata: { name: ref.name, namespace: NS },
      spec: { type: 'slack', address: 'https://hooks.example.com/x' },
    } as KubeObject);
    await deliver('2026-01-01T00:00:01.000Z', 'Succeeded');
    await deliver('2026-01-01T00:00:02.000Z', 'Failed', 'POST https://bot:pw@hooks.example.com/x giving up');
    await waitFor(async () => cache.notifications(`Provider/${NS}/slack`).deliveries.length === 2, {
      timeoutMs: 20_000,
      what: 'the watch cache',
    });
    const { deliveries } = cache.notifications(`Provider/${NS}/slack`);
    expect(deliveries.map((d) => [d.at, d.outcome])).toEqual([
      ['2026-01-01T00:00:02.000Z', 'Failed'],
      ['2026-01-01T00:00:01.000Z', 'Succeeded'],
    ]);
    expect(deliveries[0]?.message).toBe('POST https://***@hooks.example.com/x giving up');
    await resources.delete(ref);
    await waitFor(async () => cache.object('Provider', NS, 'slack') === undefined, {
      timeoutMs: 20_000,
      what: 'the watch cache',
    });
    expect(cache.notifications(`Provider/${NS}/slack`).deliveries).toEqual([]);
  });
});

describe('watch cache drift badge', () => {
  it("shows a Kustomization's drift from its last diff until a new revision is applied", async () => {
    const ref = {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      namespace: NS,
      name: 'drifty',
    };
    await resources.create(kustomization('drifty'));
    await resources.patchStatus(ref, { lastAppliedRevision: 'main@sha1:1' }, 'kustomize-controller');
    const summary = () => cache.summaryList('Kustomization').find((s) => s.name === 'drifty');
    await waitFor(async () => summary()?.revision === 'main@sha1:1', {
      timeoutMs: 20_000,
      what: 'the watch cache',
    });
    const from = cache.feed.position();
    cache.recordPlan(
      { kind: 'Kustomization', namespace: NS, name: 'drifty' },
      {
        revision: 'main@sha1:1',
        lastAppliedRevision: 'main@sha1:1',
        objects: [{ subject: 'Deployment/apps/web', action: 'configured', changes: [], truncated: false }],
        pruned: [],
        durationMs: 5,
      },
    );
    expect(summary()?.drift?.message).toBe('1 object differs from the last apply (main@sha1:1)');
    // Published, so every open overview shows it without asking.
    const published = (cache.feed.since(from) ?? []).map((item) => item.message);
    expect(published.at(-1)).toMatchObject({
      type: 'object',
      object: { name: 'drifty', drift: { by: 'diff' } },
    });
    await resources.patchStatus(ref, { lastAppliedRevision: 'main@sha1:2' }, 'kustomize-controller');
    await waitFor(async () => summary()?.revision === 'main@sha1:2', {
      timeoutMs: 20_000,
      what: 'the watch cache',
    });
    expect(summary()?.drift).toBeUndefined();
  });
});
