import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fluxCrds, KubeClient, Resources, type KubeObject } from '@tideline/core';
import { startControlPlane, waitFor, type ControlPlane } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamMessage } from '../api/dto.js';
import { ApiTokens } from '../auth/api-tokens.js';
import { ADMIN_ACCESS, resolveAccess, type Grant, type Identity } from '../auth/access.js';
import { Sessions } from '../auth/sessions.js';
import type { Principal } from '../auth/principal.js';
import { WatchCache } from '../cache/watch-cache.js';
import { appRouter } from '../trpc/app-router.js';
import { accessAudit } from './access-audit.js';
import { AuditLog } from './audit-log.js';
import { createServices } from './cache-services.js';
import type { ServicesFor } from './types.js';

// Tideline's policy: an operator group for team-a, a viewer whom the cluster would let patch.
const GRANTS: Grant[] = [
  { role: 'operator', groups: ['team-a-ops'], namespaces: ['team-a'] },
  { role: 'operator', users: ['olga'], namespaces: ['team-a'] },
  { role: 'viewer', users: ['vic'], namespaces: ['team-a'] },
];
const KS = 'kustomize.toolkit.fluxcd.io/v1';
const dir = mkdtempSync(join(tmpdir(), 'access-scope-'));
let plane: ControlPlane;
let resources: Resources;
let cache: WatchCache;
let servicesFor: ServicesFor;
const auditLog = new AuditLog();
const sessions = new Sessions(dir, { credential: 'access-scope' });

const principal = (identity: Identity): Principal => ({
  subject: identity.user,
  access: resolveAccess(GRANTS, identity),
  impersonate: identity,
  via: 'bearer',
});
const caller = (p: Principal) =>
  appRouter.createCaller({
    servicesFor,
    apiTokens: new ApiTokens(dir),
    sessions,
    audit: accessAudit(auditLog),
    from: '127.0.0.1',
    auth: { status: 'authenticated', principal: p },
    sameOrigin: true,
  });
const carol = principal({ user: 'carol', groups: ['everyone', 'team-a-ops'] });
const olga = principal({ user: 'olga', groups: [] });
const vic = principal({ user: 'vic', groups: [] });
const admin: Principal = { subject: 'admin', access: ADMIN_ACCESS, via: 'bearer' };

async function kustomization(namespace: string, name: string): Promise<void> {
  const spec = {
    interval: '10m',
    path: './',
    prune: true,
    sourceRef: { kind: 'GitRepository', name: 'repo' },
  };
  await resources.create({
    apiVersion: KS,
    kind: 'Kustomization',
    metadata: { name, namespace },
    spec,
  } as KubeObject);
}

async function event(namespace: string, name: string, message: string): Promise<void> {
  await resources.create({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${name}.${Math.random().toString(36).slice(2)}`, namespace },
    involvedObject: { apiVersion: KS, kind: 'Kustomization', name, namespace },
    type: 'Normal',
    reason: 'ReconciliationSucceeded',
    message,
    source: { component: 'kustomize-controller' },
    firstTimestamp: '2026-01-01T00:00:00Z',
    lastTimestamp: '2026-01-01T00:00:00Z',
    count: 1,
  } as KubeObject);
}

beforeAll(async () => {
  plane = await startControlPlane({ dataDir: join(dir, 'plane') });
  resources = new Resources(await KubeClient.fromKubeconfig(plane.kubeconfigPath));
  for (const crd of fluxCrds())
    await resources.apply(crd as KubeObject, { fieldManager: 'test', force: true });
  for (const name of ['team-a', 'team-b', 'flux-system'])
    await resources.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  await waitFor(
    async () =>
      Boolean(
        await kustomization('team-a', 'apps').then(
          () => true,
          () => false,
        ),
      ),
    {
      timeoutMs: 30_000,
      what: 'the Kustomization CRD to serve',
    },
  );
  await kustomization('team-a', 'web');
  await kustomization('team-b', 'apps');
  await kustomization('flux-system', 'flux-system');
  await event('team-a', 'apps', 'Applied revision: a');
  await event('team-b', 'apps', 'Applied revision: b');
  // The cluster's RBAC: team-a-ops (a group) may patch team-a's Kustomizations; so may vic.
  await resources.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'flux-operate' },
    rules: [
      { apiGroups: ['kustomize.toolkit.fluxcd.io'], resources: ['kustomizations'], verbs: ['get', 'patch'] },
    ],
  } as KubeObject);
  await resources.create({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name: 'team-a-ops', namespace: 'team-a' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'flux-operate' },
    subjects: [
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'team-a-ops' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'vic' },
    ],
  } as KubeObject);
  cache = new WatchCache(resources.client, resources, () => {});
  await cache.start();
  await waitFor(async () => cache.events('Kustomization/team-b/apps').length > 0, {
    timeoutMs: 10_000,
    what: 'the Events in the cache',
  });
  servicesFor = createServices(cache, resources, auditLog);
}, 120_000);

afterAll(async () => {
  cache?.stop();
  await plane?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const suspended = async (namespace: string, name: string): Promise<boolean | undefined> =>
  (
    (await resources.get({ apiVersion: KS, kind: 'Kustomization', namespace, name })) as
      { spec?: { suspend?: boolean } } | undefined
  )?.spec?.suspend;

describe('what a namespaced operator sees', () => {
  it('lists, counts and details only team-a; other namespaces do not exist', async () => {
    const api = caller(carol);
    expect((await api.objects.list({})).map((o) => o.id)).toEqual([
      'Kustomization/team-a/apps',
      'Kustomization/team-a/web',
    ]);
    expect(await api.objects.list({ namespace: 'team-b' })).toEqual([]);
    await expect(
      api.objects.get({ kind: 'Kustomization', namespace: 'team-b', name: 'apps' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const detail = await api.objects.get({ kind: 'Kustomization', namespace: 'team-a', name: 'apps' });
    expect(detail.events.map((e) => e.message)).toEqual(['Applied revision: a']);
    // The admin sees every namespace.
    expect((await caller(admin).objects.list({})).length).toBe(4);
  });

  it('draws only team-a in the graph, and counts only team-a', async () => {
    const graph = await caller(carol).graph.get({});
    const namespaces = new Set(
      graph.nodes.filter((n) => n.type === 'object' && n.kind === 'Kustomization').map((n) => n.namespace),
    );
    expect([...namespaces]).toEqual(['team-a']);
    expect(graph.nodes.some((n) => n.namespace === 'team-b' || n.namespace === 'flux-system')).toBe(false);
    expect(graph.mermaid).not.toContain('team-b');
    await expect(
      caller(carol).graph.explain({ kind: 'Kustomization', namespace: 'team-b', name: 'apps' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('streams only team-a: the snapshot, then live changes and Events', async () => {
    const controller = new AbortController();
    const seen: StreamMessage[] = [];
    const reading = (async () => {
      for await (const item of servicesFor(carol).stream.subscribe(undefined, controller.signal))
        seen.push(item.message);
    })();
    await waitFor(async () => seen.length >= 2, { timeoutMs: 5000, what: 'the snapshot' });
    await kustomization('team-b', 'late');
    await event('team-b', 'late', 'team-b is busy');
    await kustomization('team-a', 'late');
    await event('team-a', 'late', 'team-a is busy');
    await waitFor(async () => seen.some((m) => m.type === 'event' && m.event.message === 'team-a is busy'), {
      timeoutMs: 10_000,
      what: "team-a's live Event",
    });
    controller.abort();
    await reading;
    const namespaces = seen.flatMap((m) =>
      m.type === 'object' ? [m.object.namespace] : m.type === 'event' ? [m.event.namespace] : [],
    );
    expect(new Set(namespaces)).toEqual(new Set(['team-a']));
    expect(seen.some((m) => m.type === 'object' && m.object.id === 'Kustomization/team-a/late')).toBe(true);
  });
});

describe('actions as the user', () => {
  it('refuses a viewer before the cluster is asked (the cluster would have allowed vic)', async () => {
    await expect(
      caller(vic).actions.suspend({ kind: 'Kustomization', namespace: 'team-a', name: 'web' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('operator role') });
    expect(await suspended('team-a', 'web')).toBeUndefined();
  });

  it('sends every group: the cluster lets carol in through her second group', async () => {
    await caller(carol).actions.suspend({ kind: 'Kustomization', namespace: 'team-a', name: 'apps' });
    expect(await suspended('team-a', 'apps')).toBe(true);
    await caller(carol).actions.resume({ kind: 'Kustomization', namespace: 'team-a', name: 'apps' });
    expect(await suspended('team-a', 'apps')).toBe(false);
  });

  it("shows the cluster's refusal when its RBAC says no to an operator", async () => {
    await expect(
      caller(olga).actions.suspend({ kind: 'Kustomization', namespace: 'team-a', name: 'web' }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringMatching(
        /User "olga" cannot patch resource "kustomizations".* in the namespace "team-a"/,
      ),
    });
    expect(await suspended('team-a', 'web')).toBeUndefined();
  });

  it('answers NOT_FOUND for an object in a namespace the operator cannot see', async () => {
    await expect(
      caller(carol).actions.reconcile({ kind: 'Kustomization', namespace: 'team-b', name: 'apps' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it("keeps the audit log and the events page to the caller's namespaces, refusals included", async () => {
    const entries = await caller(carol).audit.list({ limit: 100 });
    expect(new Set(entries.map((e) => e.objectId.split('/')[1]))).toEqual(new Set(['team-a']));
    expect(entries).toContainEqual(
      expect.objectContaining({
        who: 'vic',
        action: 'suspend',
        outcome: 'failed',
        objectId: 'Kustomization/team-a/web',
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        who: 'olga',
        outcome: 'failed',
        error: expect.stringContaining('cannot patch'),
      }),
    );
    const events = await caller(carol).events.list({});
    expect(events.items.length).toBeGreaterThan(0);
    expect(new Set(events.items.map((e) => e.namespace))).toEqual(new Set(['team-a']));
  });

  it('shows sign-ins and token changes to an admin everywhere, and to anyone else only their own', async () => {
    const record = accessAudit(auditLog);
    record({ action: 'sign-in', who: 'olga', from: '127.0.0.1', outcome: 'ok', detail: 'OIDC' });
    record({ action: 'sign-in', who: 'admin', from: '127.0.0.1', outcome: 'ok', detail: 'admin token' });
    const browser: Principal = { ...carol, via: 'session' };
    const made = await caller(browser).tokens.create({ name: 'ci', role: 'viewer' });
    await caller(browser).tokens.revoke({ id: made.info.id });
    const access = async (p: Principal) =>
      (await caller(p).audit.list({ limit: 100 }))
        .filter((e) => e.objectId === '')
        .map((e) => [e.who, e.action]);
    expect(await access(olga)).toEqual([['olga', 'sign-in']]);
    expect(await access(carol)).toEqual([
      ['carol', 'token-revoke'],
      ['carol', 'token-create'],
    ]);
    expect(await access(admin)).toEqual([
      ['carol', 'token-revoke'],
      ['carol', 'token-create'],
      ['admin', 'sign-in'],
      ['olga', 'sign-in'],
    ]);
    const created = (await caller(admin).audit.list({ limit: 100 })).find((e) => e.action === 'token-create');
    expect(created).toMatchObject({
      from: '127.0.0.1',
      outcome: 'ok',
      detail: `token ${made.info.id} "ci" (viewer)`,
    });
    expect(JSON.stringify(created)).not.toContain(made.token.slice(`tl_${made.info.id}_`.length));
  });

  it('acts as the server for the break-glass admin', async () => {
    await caller(admin).actions.suspend({ kind: 'Kustomization', namespace: 'team-b', name: 'apps' });
    expect(await suspended('team-b', 'apps')).toBe(true);
  });
});
