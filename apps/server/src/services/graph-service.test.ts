import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fluxCrds, KubeClient, Resources, type GraphInput, type KubeObject } from '@tideline/core';
import { startControlPlane, waitFor, type ControlPlane } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchCache } from '../cache/watch-cache.js';
import { createGraphService } from './graph-service.js';
import { InventoryHealth } from './inventory-health.js';
import type { GraphService } from './types.js';

const NS = 'flux-system';
const KS = 'kustomize.toolkit.fluxcd.io/v1';
const GIT = 'source.toolkit.fluxcd.io/v1';
const dir = mkdtempSync(join(tmpdir(), 'graph-service-'));
let plane: ControlPlane;
let resources: Resources;
let cache: WatchCache;
let graph: GraphService;

const condition = (status: string, reason: string, message: string) => ({
  conditions: [{ type: 'Ready', status, reason, message, lastTransitionTime: '2026-01-01T00:00:00Z' }],
});

/** Creates a Flux object and writes its status, as its controller would. */
async function flux(
  apiVersion: string,
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  status: Record<string, unknown>,
): Promise<void> {
  await resources.create({ apiVersion, kind, metadata: { name, namespace: NS }, spec } as KubeObject);
  await resources.patchStatus({ apiVersion, kind, namespace: NS, name }, status, 'test');
}

const ksSpec = (source: string, extra: Record<string, unknown> = {}) => ({
  interval: '10m',
  path: './',
  prune: true,
  sourceRef: { kind: 'GitRepository', name: source },
  ...extra,
});

beforeAll(async () => {
  plane = await startControlPlane({ dataDir: join(dir, 'plane') });
  resources = new Resources(await KubeClient.fromKubeconfig(plane.kubeconfigPath));
  for (const crd of fluxCrds())
    await resources.apply(crd as KubeObject, { fieldManager: 'test', force: true });
  for (const name of [NS, 'production'])
    await resources.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  await waitFor(
    async () =>
      Boolean(
        await resources
          .create({
            apiVersion: GIT,
            kind: 'GitRepository',
            metadata: { name: 'ok', namespace: NS },
            spec: { url: 'https://example.com/x', interval: '1m' },
          } as KubeObject)
          .catch(() => undefined),
      ),
    { timeoutMs: 30_000, what: 'the GitRepository CRD to serve' },
  );
  await resources.patchStatus(
    { apiVersion: GIT, kind: 'GitRepository', namespace: NS, name: 'ok' },
    condition('True', 'Succeeded', "stored artifact for revision 'main@sha1:1'"),
    'test',
  );
  await flux(
    GIT,
    'GitRepository',
    'apps',
    { url: 'https://example.com/apps', interval: '1m' },
    condition('False', 'AuthenticationFailed', 'authentication required'),
  );
  await flux(
    KS,
    'Kustomization',
    'infra',
    ksSpec('apps'),
    condition('False', 'ArtifactFailed', 'Source artifact not found, retrying in 30s'),
  );
  await flux(
    KS,
    'Kustomization',
    'web',
    ksSpec('ok', { dependsOn: [{ name: 'infra' }] }),
    condition('False', 'DependencyNotReady', "dependency 'flux-system/infra' is not ready"),
  );
  await flux(KS, 'Kustomization', 'health', ksSpec('ok'), {
    ...condition(
      'False',
      'HealthCheckFailed',
      "health check failed after 30s: timeout waiting for: [Deployment/production/my-app status: 'InProgress']",
    ),
    inventory: {
      entries: [
        { id: 'production_my-app_apps_Deployment', v: 'v1' },
        { id: 'production_my-app__Service', v: 'v1' },
        { id: 'production_creds__Secret', v: 'v1' },
        { id: 'production_gone__ConfigMap', v: 'v1' },
      ],
    },
  });
  for (let i = 0; i < 40; i++)
    await flux(
      KS,
      'Kustomization',
      `app-${String(i).padStart(2, '0')}`,
      ksSpec('ok'),
      condition('True', 'ReconciliationSucceeded', 'Applied revision: main@sha1:1'),
    );
  await resources.create({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'my-app', namespace: 'production' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'my-app' } },
      template: {
        metadata: { labels: { app: 'my-app' } },
        spec: { containers: [{ name: 'app', image: 'podinfo' }] },
      },
    },
  } as KubeObject);
  await resources.create({
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'my-app', namespace: 'production' },
    spec: { selector: { app: 'my-app' }, ports: [{ port: 80 }] },
  } as KubeObject);
  await resources.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'creds', namespace: 'production' },
    stringData: { token: 's3cr3t' },
  } as KubeObject);
  cache = new WatchCache(resources.client, resources, () => {});
  await cache.start();
  await waitFor(async () => cache.objects('Kustomization').length === 43, {
    timeoutMs: 20_000,
    what: 'the cache',
  });
  graph = createGraphService(cache, new InventoryHealth(resources));
});

afterAll(async () => {
  cache?.stop();
  await plane?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('graph service', () => {
  it('draws the cluster within the budget, failing objects first, the rest as "N more"', async () => {
    const dto = await graph.get({ budget: 20 });
    expect(dto.nodes).toHaveLength(20);
    expect(dto).toMatchObject({ objects: 45, budget: 20 });
    expect(
      dto.nodes
        .slice(0, 4)
        .map((n) => n.id)
        .sort(),
    ).toEqual([
      'GitRepository/flux-system/apps',
      'Kustomization/flux-system/health',
      'Kustomization/flux-system/infra',
      'Kustomization/flux-system/web',
    ]);
    const more = dto.nodes.find((n) => n.type === 'more');
    expect(more).toMatchObject({
      kind: 'Kustomization',
      count: dto.hidden,
      label: `Kustomization ×${dto.hidden} more in flux-system`,
    });
    for (const node of dto.nodes) expect(dto.mermaid).toContain(`  ${node.mermaidId}["`);
    expect(dto.mermaid).not.toContain('failed');
  });

  it("looks up a focused applier's inventory health, never reading Secrets", async () => {
    const dto = await graph.get({ focus: 'Kustomization/flux-system/health', hops: 1 });
    const workloads = Object.fromEntries(
      dto.nodes.filter((n) => n.type === 'workloads').map((n) => [n.kind, n]),
    );
    expect(Object.keys(workloads).sort()).toEqual(['ConfigMap', 'Deployment', 'Secret', 'Service']);
    expect(workloads.Deployment).toMatchObject({
      state: 'progressing',
      label: 'Deployment ×1',
      applier: 'Kustomization/flux-system/health',
    });
    expect(workloads.Service?.state).toBe('ready');
    expect(workloads.ConfigMap?.members?.[0]).toMatchObject({
      name: 'gone',
      state: 'failed',
      status: 'NotFound',
    });
    expect(workloads.Secret?.members?.[0]).toEqual({
      id: 'Secret/production/creds',
      namespace: 'production',
      name: 'creds',
      state: 'unknown',
    });
    expect(JSON.stringify(dto)).not.toContain('s3cr3t');
  });

  it('explains a Kustomization waiting on a dependency whose source fails', async () => {
    const explanation = await graph.explain('Kustomization/flux-system/web');
    expect(explanation?.chain.map((l) => l.id)).toEqual([
      'Kustomization/flux-system/web',
      'Kustomization/flux-system/infra',
      'GitRepository/flux-system/apps',
    ]);
    expect(explanation?.summary).toBe(
      'Not Ready because GitRepository flux-system/apps: authentication required',
    );
    const health = await graph.explain('Kustomization/flux-system/health');
    expect(health?.cause).toMatchObject({
      id: 'Deployment/production/my-app',
      status: 'InProgress',
      nodeId: 'Kustomization/flux-system/health#apps/Deployment',
    });
    expect(health?.cause?.message).not.toBe('');
    expect(await graph.explain('Kustomization/flux-system/nope')).toBeUndefined();
  });

  it('draws a root-cause path whatever the budget and focus, with the failing workloads', async () => {
    const dto = await graph.get({
      budget: 10,
      focus: 'Kustomization/flux-system/app-00',
      hops: 0,
      explain: 'Kustomization/flux-system/web',
    });
    const ids = dto.nodes.map((n) => n.id);
    for (const id of [
      'Kustomization/flux-system/web',
      'Kustomization/flux-system/infra',
      'GitRepository/flux-system/apps',
      'Kustomization/flux-system/app-00',
    ])
      expect(ids).toContain(id);
    expect(dto.explanation?.cause?.id).toBe('GitRepository/flux-system/apps');
    const health = await graph.get({ budget: 10, explain: 'Kustomization/flux-system/health' });
    expect(health.nodes.map((n) => n.id)).toContain('Kustomization/flux-system/health#apps/Deployment');
  });

  it('looks up a bounded number of inventory objects, and reuses what it found for a while', async () => {
    const applier = cache.object('Kustomization', NS, 'health') as GraphInput;
    const bounded = await new InventoryHealth(resources, { maxObjects: 2 }).lookup([applier]);
    expect(bounded('Deployment/production/my-app')?.status).toBe('InProgress');
    expect(bounded('Service/production/my-app')?.status).toBe('Current');
    expect(bounded('ConfigMap/production/gone')).toBeUndefined();

    const reused = new InventoryHealth(resources, { ttlMs: 60_000 });
    const fresh = new InventoryHealth(resources, { ttlMs: 0 });
    await reused.lookup([applier]);
    await fresh.lookup([applier]);
    await resources.delete({ apiVersion: 'v1', kind: 'Service', namespace: 'production', name: 'my-app' });
    expect((await reused.lookup([applier]))('Service/production/my-app')?.status).toBe('Current');
    expect((await fresh.lookup([applier]))('Service/production/my-app')?.status).toBe('NotFound');
  });

  it('changes states, not the Mermaid text, when only a status changes', async () => {
    const before = await graph.get({ budget: 100 });
    await resources.patchStatus(
      { apiVersion: KS, kind: 'Kustomization', namespace: NS, name: 'app-07' },
      condition('False', 'BuildFailed', 'kustomize build failed'),
      'test',
    );
    await waitFor(
      async () => cache.object('Kustomization', NS, 'app-07')?.status?.conditions?.[0]?.status === 'False',
      {
        timeoutMs: 10_000,
        what: 'the status change',
      },
    );
    const after = await graph.get({ budget: 100 });
    expect(after.mermaid).toBe(before.mermaid);
    expect(after.nodes.find((n) => n.id === 'Kustomization/flux-system/app-07')?.state).toBe('failed');
  });
});
