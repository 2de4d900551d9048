import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fluxCrds, KubeClient, Resources, type KubeObject } from '@tideline/core';
import { startControlPlane, waitFor, type ControlPlane } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAK_GLASS } from '../testing/http-fixture.js';
import { WatchCache } from '../cache/watch-cache.js';
import { createServices } from './cache-services.js';
import type { Services } from './types.js';

// The story's one effect is the Pod lookup: a real API server holds the Flux objects (with the
// status their controllers would write), an Event from the automation, and Pods in and out of
// the applier's namespaces.
const NS = 'flux-system';
const SHA = '0123456789abcdef0123456789abcdef01234567';
const IMAGE = 'registry.example.com/my-app';
const dir = mkdtempSync(join(tmpdir(), 'image-story-'));
let plane: ControlPlane;
let resources: Resources;
let cache: WatchCache;
let services: Services;

const flux = (kind: string, apiVersion: string, spec: Record<string, unknown>, name = 'my-app'): KubeObject =>
  ({ apiVersion, kind, metadata: { name, namespace: NS }, spec }) as KubeObject;
const OBJECTS: [KubeObject, Record<string, unknown>][] = [
  [
    flux(
      'GitRepository',
      'source.toolkit.fluxcd.io/v1',
      { interval: '1m', url: 'https://example.com/a.git' },
      'apps',
    ),
    { artifact: { revision: `main@sha1:${SHA}`, lastUpdateTime: '2026-01-01T00:00:11Z' } },
  ],
  [
    flux(
      'Kustomization',
      'kustomize.toolkit.fluxcd.io/v1',
      { interval: '10m', path: './apps', prune: true, sourceRef: { kind: 'GitRepository', name: 'apps' } },
      'apps',
    ),
    {
      lastAppliedRevision: `main@sha1:${SHA}`,
      inventory: { entries: [{ id: 'production_my-app_apps_Deployment', v: 'v1' }] },
    },
  ],
  [
    flux('ImageRepository', 'image.toolkit.fluxcd.io/v1', { image: IMAGE, interval: '1m' }),
    { lastScanResult: { tagCount: 2, scanTime: '2026-01-01T00:00:05Z' } },
  ],
  [
    flux('ImagePolicy', 'image.toolkit.fluxcd.io/v1', {
      imageRepositoryRef: { name: 'my-app' },
      policy: { semver: { range: '1.x' } },
    }),
    { latestRef: { name: IMAGE, tag: 'v1.0.1' }, observedPreviousRef: { name: IMAGE, tag: 'v1.0.0' } },
  ],
  [
    flux('ImageUpdateAutomation', 'image.toolkit.fluxcd.io/v1', {
      interval: '30m',
      sourceRef: { kind: 'GitRepository', name: 'apps' },
      git: { commit: { author: { name: 'fluxcdbot', email: 'flux@myorg.com' } }, push: { branch: 'main' } },
      update: { path: './apps', strategy: 'Setters' },
    }),
    { lastPushCommit: SHA, lastPushTime: '2026-01-01T00:00:10Z' },
  ],
];
const pod = (namespace: string, name: string, image: string): KubeObject =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace },
    spec: { containers: [{ name: 'app', image }] },
  }) as KubeObject;

beforeAll(async () => {
  plane = await startControlPlane({ dataDir: join(dir, 'plane') });
  resources = new Resources(await KubeClient.fromKubeconfig(plane.kubeconfigPath));
  for (const crd of fluxCrds())
    await resources.apply(crd as KubeObject, { fieldManager: 'test', force: true });
  for (const name of [NS, 'production', 'elsewhere'])
    await resources.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  for (const [obj, status] of OBJECTS) {
    await waitFor(async () => Boolean(await resources.create(obj).catch(() => undefined)), {
      timeoutMs: 30_000,
      what: `the ${obj.kind} CRD to serve`,
    });
    await resources.patchStatus(
      { apiVersion: obj.apiVersion, kind: obj.kind, namespace: NS, name: obj.metadata.name },
      status,
      'test',
    );
  }
  await resources.create({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: 'my-app.push', namespace: NS },
    involvedObject: {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImageUpdateAutomation',
      name: 'my-app',
      namespace: NS,
    },
    type: 'Normal',
    reason: 'Succeeded',
    message: `pushed commit '${SHA.slice(0, 7)}' to branch 'main'\nchore: update my-app to ${IMAGE}:v1.0.1`,
    firstTimestamp: '2026-01-01T00:00:10Z',
    lastTimestamp: '2026-01-01T00:00:10Z',
    count: 1,
    source: { component: 'image-automation-controller' },
  } as KubeObject);
  await resources.create(pod('production', 'my-app-new', `${IMAGE}:v1.0.1`));
  await resources.create(pod('production', 'my-app-old', `${IMAGE}:v1.0.0`));
  await resources.create(pod('elsewhere', 'not-applied-here', `${IMAGE}:v1.0.1`));
  cache = new WatchCache(resources.client, resources, () => {});
  await cache.start();
  services = createServices(cache, resources)(BREAK_GLASS);
}, 120_000);

afterAll(async () => {
  cache?.stop();
  await plane?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const key = (kind: 'ImagePolicy' | 'ImageRepository' | 'ImageUpdateAutomation' | 'GitRepository') => ({
  kind,
  namespace: NS,
  name: kind === 'GitRepository' ? 'apps' : 'my-app',
});

describe('imageStories against the API server', () => {
  it('tells the same story from the repository, the policy and the automation', async () => {
    await waitFor(
      async () =>
        (await services.objects.imageStories(key('ImageUpdateAutomation')))[0]?.automations[0]
          ?.commitMessage !== undefined,
      {
        timeoutMs: 20_000,
        what: 'the cache to hold the objects and the push Event',
      },
    );
    const stories = await Promise.all(
      (['ImagePolicy', 'ImageRepository', 'ImageUpdateAutomation'] as const).map((k) =>
        services.objects.imageStories(key(k)),
      ),
    );
    expect(stories[1]).toEqual(stories[0]);
    expect(stories[2]).toEqual(stories[0]);
    expect(stories[0]).toEqual([
      {
        policy: `ImagePolicy/${NS}/my-app`,
        latest: `${IMAGE}:v1.0.1`,
        previous: `${IMAGE}:v1.0.0`,
        repository: { id: `ImageRepository/${NS}/my-app`, lastScanTime: '2026-01-01T00:00:05Z', tagCount: 2 },
        automations: [
          {
            id: `ImageUpdateAutomation/${NS}/my-app`,
            lastPushCommit: SHA,
            lastPushTime: '2026-01-01T00:00:10Z',
            commitMessage: `chore: update my-app to ${IMAGE}:v1.0.1`,
            source: { id: `GitRepository/${NS}/apps`, revision: `main@sha1:${SHA}`, containsPush: 'pushed' },
            appliedBy: [
              { id: `Kustomization/${NS}/apps`, lastAppliedRevision: `main@sha1:${SHA}`, current: true },
            ],
          },
        ],
        // Only the applier's namespaces are looked in, and only the latest image counts.
        pods: [{ namespace: 'production', name: 'my-app-new', phase: 'Pending', ready: false }],
        podsTruncated: false,
      },
    ]);
  });

  it('has no story for other kinds', async () => {
    expect(await services.objects.imageStories(key('GitRepository'))).toEqual([]);
  });
});
