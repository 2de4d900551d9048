import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fluxCrds, KubeClient, Resources, type KubeObject } from '@tideline/core';
import { startControlPlane, waitFor, type ControlPlane } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAK_GLASS } from '../testing/http-fixture.js';
import { WatchCache } from '../cache/watch-cache.js';
import { AuditLog } from './audit-log.js';
import { sourceOf } from './actions-service.js';
import { createServices } from './cache-services.js';
import type { Services } from './types.js';

const NS = 'flux-system';
const dir = mkdtempSync(join(tmpdir(), 'actions-service-'));
const auditPath = join(dir, 'state', 'audit.jsonl');
let plane: ControlPlane;
let resources: Resources;
let cache: WatchCache;
let services: Services;

const object = (kind: string, apiVersion: string, name: string, spec: Record<string, unknown>): KubeObject =>
  ({ apiVersion, kind, metadata: { name, namespace: NS }, spec }) as KubeObject;
const KS = (name: string, extra: Record<string, unknown> = {}): KubeObject =>
  object('Kustomization', 'kustomize.toolkit.fluxcd.io/v1', name, {
    interval: '10m',
    path: './',
    prune: true,
    sourceRef: { kind: 'GitRepository', name: 'repo' },
    ...extra,
  });
const apps = { kind: 'Kustomization', namespace: NS, name: 'apps' } as const;

beforeAll(async () => {
  plane = await startControlPlane({ dataDir: join(dir, 'plane') });
  resources = new Resources(await KubeClient.fromKubeconfig(plane.kubeconfigPath));
  for (const crd of fluxCrds())
    await resources.apply(crd as KubeObject, { fieldManager: 'test', force: true });
  await resources.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  const repo = object('GitRepository', 'source.toolkit.fluxcd.io/v1', 'repo', {
    interval: '1m',
    url: 'https://example.com/repo.git',
  });
  await waitFor(async () => Boolean(await resources.create(repo).catch(() => undefined)), {
    timeoutMs: 30_000,
    what: 'the GitRepository CRD to serve',
  });
  await waitFor(async () => Boolean(await resources.create(KS('infra')).catch(() => undefined)), {
    timeoutMs: 30_000,
    what: 'the Kustomization CRD to serve',
  });
  await resources.create(KS('apps', { dependsOn: [{ name: 'infra' }] }));
  cache = new WatchCache(resources.client, resources, () => {});
  await cache.start();
  let tick = 0;
  // As the break-glass admin: these tests are about the actions themselves.
  services = createServices(
    cache,
    resources,
    new AuditLog(auditPath),
    () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)),
  )(BREAK_GLASS);
});

afterAll(async () => {
  cache?.stop();
  await plane?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const annotations = async (): Promise<Record<string, string>> =>
  (
    await resources.get({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      namespace: NS,
      name: 'apps',
    })
  )?.metadata.annotations ?? {};

describe('actions', () => {
  it('suspend records who and why as Weave GitOps does, in the audit log and as an Event; resume clears them', async () => {
    await services.actions.suspend(apps, { who: 'admin', reason: 'freeze for the release' });
    expect(await annotations()).toMatchObject({
      'metadata.weave.works/suspended-by': 'admin',
      'metadata.weave.works/suspended-comment': 'freeze for the release',
    });
    await waitFor(
      async () => cache.summaryList().some((s) => s.id === 'Kustomization/flux-system/apps' && s.suspended),
      {
        timeoutMs: 20_000,
        what: 'the suspended summary',
      },
    );
    const summary = cache.summaryList().find((s) => s.id === 'Kustomization/flux-system/apps');
    expect(summary).toMatchObject({ suspendedBy: 'admin', suspendedComment: 'freeze for the release' });
    await waitFor(async () => cache.events('Kustomization/flux-system/apps').length > 0, {
      timeoutMs: 20_000,
      what: 'the audit Event',
    });
    expect(cache.events('Kustomization/flux-system/apps')[0]).toMatchObject({
      type: 'Normal',
      reason: 'SuspendRequested',
      message: 'admin suspended Kustomization flux-system/apps from Tideline: "freeze for the release"',
      source: 'tideline-dashboard',
    });

    await services.actions.resume(apps, { who: 'admin' });
    const after = await annotations();
    expect(after['metadata.weave.works/suspended-by']).toBeUndefined();
    expect(after['metadata.weave.works/suspended-comment']).toBeUndefined();

    const requestedAt = await services.actions.reconcile(apps, { who: 'admin' });
    expect((await annotations())['reconcile.fluxcd.io/requestedAt']).toBe(requestedAt);

    expect(services.audit.list(10).map((e) => `${e.action}:${e.outcome}:${e.reason ?? ''}`)).toEqual([
      'reconcile:ok:',
      'resume:ok:',
      'suspend:ok:freeze for the release',
    ]);
    // The log survives a restart of the server.
    expect(new AuditLog(auditPath).list(10)).toEqual(services.audit.list(10));
    expect(readFileSync(auditPath, 'utf8').trim().split('\n')).toHaveLength(3);
  });

  it('a failed action is audited as failed and nothing is patched', async () => {
    const missing = { kind: 'Kustomization', namespace: NS, name: 'missing' } as const;
    await expect(services.actions.suspend(missing, { who: 'admin', reason: 'x' })).rejects.toThrow(
      /not found/,
    );
    expect(services.audit.list(1)[0]).toMatchObject({
      action: 'suspend',
      outcome: 'failed',
      objectId: 'Kustomization/flux-system/missing',
    });
  });

  it('the blast radius of suspending a source names what it feeds and what depends on that', () => {
    const impact = services.audit.impact([{ kind: 'GitRepository', namespace: NS, name: 'repo' }]);
    expect(impact.downstream).toEqual(['Kustomization/flux-system/apps', 'Kustomization/flux-system/infra']);
    expect(impact.objects[0]?.direct.map((d) => `${d.type}:${d.id}`)).toEqual([
      'source:Kustomization/flux-system/apps',
      'source:Kustomization/flux-system/infra',
    ]);
  });
});

describe('sourceOf', () => {
  it.each<[string, Record<string, unknown>, string | undefined]>([
    [
      'a Kustomization’s sourceRef',
      { kind: 'Kustomization', spec: { sourceRef: { kind: 'GitRepository', name: 'repo' } } },
      'GitRepository/flux-system/repo',
    ],
    [
      'in another namespace',
      {
        kind: 'Kustomization',
        spec: { sourceRef: { kind: 'OCIRepository', name: 'oci', namespace: 'shared' } },
      },
      'OCIRepository/shared/oci',
    ],
    [
      'a HelmRelease’s generated HelmChart',
      { kind: 'HelmRelease', status: { helmChart: 'flux-system/podinfo-podinfo' } },
      'HelmChart/flux-system/podinfo-podinfo',
    ],
    ['a HelmRelease not yet reconciled', { kind: 'HelmRelease', status: {} }, undefined],
    ['a source itself', { kind: 'GitRepository', spec: {} }, undefined],
    [
      'an unknown source kind',
      { kind: 'Kustomization', spec: { sourceRef: { kind: 'Bucket', name: 'b' } } },
      undefined,
    ],
  ])('%s', (_name, obj, expected) => {
    const key = sourceOf({ apiVersion: 'x/v1', metadata: { name: 'x', namespace: NS }, ...obj } as never);
    expect(key ? `${key.kind}/${key.namespace}/${key.name}` : undefined).toBe(expected);
  });
});
