// The chart's least-privilege RBAC with the engine running under it. The chart is installed on
// the sandbox (its kube-apiserver authorizes with RBAC), an engine process authenticates as the
// chart's ServiceAccount with a TokenRequest token, and reconciles as a real pod would:
// a tenant's Kustomization and HelmRelease apply through the ServiceAccount they name, a
// Kustomization naming none is refused by the API server (the chart's promise), and nothing the
// engine does for itself (CRDs, Lease, status, events, HelmCharts, artifacts) is forbidden.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, Resources, type KubeObject } from '@tideline/core';
import {
  CHART_FIXTURES_DIR,
  publishCharts,
  pushImageManifest,
  renderKubeconfig,
  startSandbox,
  waitFor,
  type Sandbox,
} from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedTool } from '../cli/pinned-tools.js';
import { CHART_DIR, runHelm } from '../testing/chart-fixture.js';
import { pushFiles, readyOf, waitForKustomization } from '../testing/gitops-objects.js';
import { headlessArgs, startServerProcess, type ServerProcess } from '../testing/server-process.js';
import {
  tenantApp,
  tenantGitOps,
  tenantHelmRelease,
  tenantImagePolicy,
  tenantObjects,
} from '../testing/tenant-objects.js';

const NAMESPACE = 'flux-system';
const TENANT = 'apps';
const ENGINE_USER = `system:serviceaccount:${NAMESPACE}:tideline`;
const LOADED_MACHINE_MS = 180_000;
const ADMIN_TOKEN = 'engine-rbac-test-admin-token-0123456789';

let dir: string;
let sandbox: Sandbox;
let admin: Resources;
let engine: ServerProcess | undefined;

/** A kubeconfig for the chart's ServiceAccount, its token from the TokenRequest API. */
async function serviceAccountKubeconfig(client: KubeClient): Promise<string> {
  const answer = await client.request<{ status: { token: string } }>({
    method: 'POST',
    path: `/api/v1/namespaces/${NAMESPACE}/serviceaccounts/tideline/token`,
    body: {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { expirationSeconds: 3600 },
    },
  });
  const adminConfig = readFileSync(sandbox.kubeconfigPath, 'utf8');
  const field = (name: string): string => new RegExp(`${name}: (\\S+)`).exec(adminConfig)?.[1] ?? '';
  const path = join(dir, 'tideline-sa.kubeconfig');
  const config = renderKubeconfig({
    server: field('server'),
    caFile: field('certificate-authority'),
    token: answer.status.token,
  });
  writeFileSync(path, config, { mode: 0o600 });
  return path;
}

async function applyAll(objects: KubeObject[]): Promise<void> {
  for (const obj of objects) await admin.apply(obj, { fieldManager: 'test' });
}

type Reconciled = KubeObject & {
  status?: {
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
    latestRef?: Record<string, string>;
  };
};

/** Waits until the tenant's object is Ready=True; resolves it. */
async function waitForReady(apiVersion: string, kind: string, name: string): Promise<Reconciled> {
  let obj: Reconciled | undefined;
  await waitFor(
    async () => {
      obj = await admin.get<Reconciled>({ apiVersion, kind, namespace: TENANT, name });
      return obj?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
    },
    { timeoutMs: LOADED_MACHINE_MS, what: `${kind} ${name} Ready` },
  );
  return obj!;
}

/** A tRPC query (input) or mutation (body) on the engine's API, as the dashboard calls it. */
async function trpc<T>(path: string, input: unknown, mutation = false): Promise<T> {
  const query = mutation ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const res = await fetch(`${engine!.url}/trpc/${path}${query}`, {
    method: mutation ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: mutation ? JSON.stringify(input) : undefined,
  });
  const text = await res.text();
  expect(res.status, `${path}: ${text.slice(0, 2000)}`).toBe(200);
  return (JSON.parse(text) as { result: { data: T } }).result.data;
}

/** Every engine log line so far that the API server refused. */
const forbiddenLines = (): string[] =>
  [...engine!.stdout, ...engine!.stderr].filter((l) => /forbidden|\b403\b/i.test(l));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-chart-rbac-'));
  sandbox = await startSandbox({ dir: join(dir, 'sandbox'), podStartDelayMs: 100 });
  const client = await KubeClient.fromKubeconfig(sandbox.kubeconfigPath);
  admin = new Resources(client);
  const installArgs = ['install', 'tideline', CHART_DIR, '--namespace', NAMESPACE, '--create-namespace'];
  const install = await runHelm([...installArgs, '--kubeconfig', sandbox.kubeconfigPath]);
  if (!install.ok) throw new Error(`helm install failed: ${install.stderr}`);
  await applyAll(tenantObjects(TENANT));
  engine = await startServerProcess(
    [
      ...headlessArgs(await serviceAccountKubeconfig(client), join(dir, 'state')),
      '--log-level',
      'debug',
      '--log-format',
      'json',
    ],
    { TIDELINE_ADMIN_TOKEN: ADMIN_TOKEN },
  );
}, 600_000);

afterAll(async () => {
  engine?.child.kill('SIGKILL');
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the engine under the chart's least-privilege role", () => {
  it(
    'reconciles a Kustomization through the ServiceAccount it names, and is refused nothing',
    async () => {
      const url = await sandbox.createGitRepository('rbac');
      await pushFiles(url, tenantApp(TENANT, 'web'));
      await applyAll(tenantGitOps(TENANT, 'app', url, 'deployer'));
      const done = await waitForKustomization(
        admin,
        'app',
        // Ready or failed; ArtifactFailed only says the GitRepository has no artifact yet.
        (o) =>
          o.status?.conditions?.some(
            (c) => c.type === 'Ready' && c.status !== 'Unknown' && c.reason !== 'ArtifactFailed',
          ) ?? false,
        LOADED_MACHINE_MS,
        TENANT,
      );
      expect(done.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
        status: 'True',
        reason: 'ReconciliationSucceeded',
      });
      for (const [apiVersion, kind] of [
        ['apps/v1', 'Deployment'],
        ['v1', 'Service'],
        ['v1', 'ConfigMap'],
      ] as const)
        expect(await admin.get({ apiVersion, kind, namespace: TENANT, name: 'web' }), kind).toBeDefined();
      // Its Events are the engine's own writes, in the tenant's namespace.
      const events = await admin.list<KubeObject & { reason: string; involvedObject: { name: string } }>(
        'v1',
        'Event',
        { namespace: TENANT },
      );
      expect(events.items.filter((e) => e.involvedObject.name === 'app').map((e) => e.reason)).toContain(
        'ReconciliationSucceeded',
      );
      expect(forbiddenLines()).toEqual([]);
    },
    LOADED_MACHINE_MS + 30_000,
  );

  it(
    'is refused applying as itself: a Kustomization without a ServiceAccount fails forbidden',
    async () => {
      const url = await sandbox.createGitRepository('rbac-self');
      await pushFiles(url, tenantApp(TENANT, 'self', ['configmap']));
      await applyAll(tenantGitOps(TENANT, 'self', url));
      const failed = await waitForKustomization(
        admin,
        'self',
        // Until the GitRepository has an artifact the Kustomization is ArtifactFailed.
        (o) => o.status?.conditions?.some((c) => c.reason === 'ReconciliationFailed') ?? false,
        LOADED_MACHINE_MS,
        TENANT,
      );
      const ready = failed.status?.conditions?.find((c) => c.type === 'Ready');
      expect(ready?.reason).toBe('ReconciliationFailed');
      // fluxcd/pkg's DryRunErr around the API server's own refusal.
      expect(ready?.message).toBe(
        `ConfigMap/${TENANT}/self dry-run failed (Forbidden): configmaps "self" is forbidden: ` +
          `User "${ENGINE_USER}" cannot patch resource "configmaps" in API group "" in the namespace "${TENANT}"`,
      );
      expect(await admin.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: TENANT, name: 'self' })).toBe(
        undefined,
      );
    },
    LOADED_MACHINE_MS + 30_000,
  );

  it(
    'installs a HelmRelease through its ServiceAccount (helm list sees it), and is refused nothing',
    async () => {
      await publishCharts({
        root: join(sandbox.dir, 'charts'),
        chartDirs: [join(CHART_FIXTURES_DIR, 'podinfo-6.2.1')],
        url: sandbox.chartRepoUrl,
        helmBin: pinnedTool('helm'),
      });
      await applyAll(tenantHelmRelease(TENANT, sandbox.chartRepoUrl, 'podinfo', 'deployer'));
      await waitForReady('helm.toolkit.fluxcd.io/v2', 'HelmRelease', 'podinfo');
      const list = await runHelm([
        'list',
        '-n',
        TENANT,
        '-o',
        'json',
        '--kubeconfig',
        sandbox.kubeconfigPath,
      ]);
      expect(JSON.parse(list.stdout)).toEqual([
        expect.objectContaining({
          name: 'podinfo',
          namespace: TENANT,
          status: 'deployed',
          chart: 'podinfo-6.2.1',
        }),
      ]);
      expect(forbiddenLines()).toEqual([]);
    },
    LOADED_MACHINE_MS + 60_000,
  );

  it(
    "serves the dashboard's API under the role: details, plan, values, graph, reconcile-now",
    async () => {
      const ks = { kind: 'Kustomization', namespace: TENANT, name: 'app' };
      const detail = await trpc<{ inventory?: unknown[] }>('objects.get', ks);
      expect(JSON.stringify(detail)).toContain('ConfigMap');
      // The plan dry-runs through the Kustomization's ServiceAccount; a refusal is a `failed` row.
      type Plan = { objects: { subject: string; action: string; error?: string }[] };
      const plan = await trpc<Plan>('objects.plan', ks);
      expect(plan.objects.map((o) => `${o.subject} ${o.action}${o.error ?? ''}`).sort()).toEqual([
        `ConfigMap/${TENANT}/web unchanged`,
        `Deployment/${TENANT}/web unchanged`,
        `Service/${TENANT}/web unchanged`,
      ]);
      await trpc('objects.values', { kind: 'HelmRelease', namespace: TENANT, name: 'podinfo' });
      await trpc('graph.get', { namespaces: [TENANT], workloads: 'all' });
      const { requestedAt } = await trpc<{ requestedAt: string }>('actions.reconcile', ks, true);
      await waitForKustomization(
        admin,
        'app',
        (o) => o.status?.lastHandledReconcileAt === requestedAt && readyOf(o) === 'True',
        LOADED_MACHINE_MS,
        TENANT,
      );
      expect(forbiddenLines()).toEqual([]);
    },
    LOADED_MACHINE_MS + 30_000,
  );

  it(
    'finalizes on deletion: prunes the Kustomization and uninstalls the release through the ServiceAccounts',
    async () => {
      const ks = { apiVersion: 'kustomize.toolkit.fluxcd.io/v1', kind: 'Kustomization', namespace: TENANT };
      const hr = { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: TENANT };
      await admin.delete({ ...ks, name: 'app' });
      await admin.delete({ ...hr, name: 'podinfo' });
      await waitFor(
        async () =>
          (await admin.get({ ...ks, name: 'app' })) === undefined &&
          (await admin.get({ ...hr, name: 'podinfo' })) === undefined,
        { timeoutMs: LOADED_MACHINE_MS, what: 'the Kustomization and the HelmRelease finalized' },
      );
      expect(await admin.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: TENANT, name: 'web' })).toBe(
        undefined,
      );
      const list = await runHelm(['list', '-n', TENANT, '-q', '--kubeconfig', sandbox.kubeconfigPath]);
      expect(list.stdout.trim()).toBe('');
      expect(forbiddenLines()).toEqual([]);
    },
    LOADED_MACHINE_MS + 30_000,
  );

  it(
    'scans an ImageRepository and selects with an ImagePolicy, and is refused nothing',
    async () => {
      for (const tag of ['1.0.0', '1.2.0'])
        await pushImageManifest({ host: sandbox.registryHost, repository: 'rbac/app', tag });
      await applyAll(tenantImagePolicy(TENANT, `${sandbox.registryHost}/rbac/app`));
      await waitForReady('image.toolkit.fluxcd.io/v1', 'ImageRepository', 'app');
      const policy = await waitForReady('image.toolkit.fluxcd.io/v1', 'ImagePolicy', 'app');
      expect(policy.status?.latestRef).toMatchObject({ tag: '1.2.0' });
      expect(forbiddenLines()).toEqual([]);
    },
    LOADED_MACHINE_MS + 30_000,
  );

  // Last: its failure is logged (`Reconciler error`), and the cases above assert a log without `forbidden`.
  it(
    'is refused installing as itself: a HelmRelease without a ServiceAccount fails forbidden',
    async () => {
      await applyAll(tenantHelmRelease(TENANT, sandbox.chartRepoUrl, 'self'));
      const ref = { apiVersion: 'helm.toolkit.fluxcd.io/v2', kind: 'HelmRelease', namespace: TENANT };
      let ready: { status: string; reason?: string; message?: string } | undefined;
      await waitFor(
        async () => {
          const obj = await admin.get<Reconciled>({ ...ref, name: 'self' });
          ready = obj?.status?.conditions?.find((c) => c.type === 'Ready');
          // SourceNotReady comes first while the generated HelmChart has no artifact yet.
          return ready?.status === 'False' && ready.reason !== 'SourceNotReady';
        },
        { timeoutMs: LOADED_MACHINE_MS, what: 'HelmRelease self refused' },
      );
      // helm-controller's words around Helm's storage error: the release Secret is written first.
      expect(ready).toMatchObject({
        reason: 'InstallFailed',
        message:
          `Helm install failed for release ${TENANT}/self with chart podinfo@6.2.1: create: failed to create: ` +
          `secrets is forbidden: User "${ENGINE_USER}" cannot create resource "secrets" in API group "" ` +
          `in the namespace "${TENANT}"`,
      });
      const list = await runHelm(['list', '-n', TENANT, '-a', '-q', '--kubeconfig', sandbox.kubeconfigPath]);
      expect(list.stdout.trim()).toBe('');
    },
    LOADED_MACHINE_MS + 30_000,
  );
});
