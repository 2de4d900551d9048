import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, Resources, type KubeObject } from '@tideline/core';
import { startSandbox, type Sandbox } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyGitOpsPair,
  configMap,
  pushFiles,
  readyOf,
  waitForKustomization,
} from '../testing/gitops-objects.js';
import { findSamples, parsePrometheusText } from '../testing/prometheus-text.js';
import { headlessArgs, startServerProcess, type ServerProcess } from '../testing/server-process.js';

// `tideline start` as a real process on the sandbox: metrics after a real reconcile, Flux-shaped
// JSON logs with no credential in them, probes, and a graceful stop on SIGTERM within its deadline.

let dir: string;
let sandbox: Sandbox;
let resources: Resources;
let server: ServerProcess;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-ops-'));
  sandbox = await startSandbox({ dir: join(dir, 'sandbox'), podStartDelayMs: 100 });
  resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  server = await startServerProcess([
    ...headlessArgs(sandbox.kubeconfigPath, join(dir, 'state')),
    '--log-format',
    'json',
    '--log-level',
    'debug',
    '--shutdown-timeout',
    '20s',
  ]);
});

afterAll(async () => {
  server?.child.kill('SIGKILL');
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const scrape = async (): Promise<ReturnType<typeof parsePrometheusText>> => {
  const res = await fetch(`${server.metricsUrl}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheusText(await res.text());
};

describe('tideline start as a process', () => {
  it('is ready once its caches synced and the engine reported leader or standby', async () => {
    expect(server.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const healthz = await fetch(`${server.metricsUrl}/healthz`);
    expect(healthz.status).toBe(200);
    const readyz = await fetch(`${server.metricsUrl}/readyz`);
    expect(await readyz.text()).toBe(
      '[+]informers ok\n[+]leader-election ok (active)\n[+]shutdown ok\nreadyz check passed\n',
    );
    // The main port answers the probes too, whatever the Host header (the kubelet's pod IP).
    const main = await fetch(`${server.url}/readyz`, { headers: { host: '10.1.2.3:3000' } });
    expect(main.status).toBe(200);
  });

  it("exports Flux's and controller-runtime's metrics after a real reconcile", async () => {
    const url = await sandbox.createGitRepository('metrics');
    await pushFiles(url, { 'metered/cm.yaml': configMap('metered') });
    await applyGitOpsPair(resources, 'metered', url);
    await waitForKustomization(resources, 'metered', (o) => readyOf(o) === 'True');
    const samples = await scrape();
    const count = findSamples(samples, 'gotk_reconcile_duration_seconds_count', {
      kind: 'Kustomization',
      name: 'metered',
      namespace: 'default',
    });
    expect(count[0]?.value).toBeGreaterThanOrEqual(1);
    const buckets = findSamples(samples, 'gotk_reconcile_duration_seconds_bucket', {
      kind: 'Kustomization',
      name: 'metered',
    });
    expect(buckets.map((b) => b.labels.le)).toHaveLength(11); // 10 of Flux's buckets and +Inf
    expect(
      findSamples(samples, 'gotk_reconcile_condition', { name: 'metered', status: 'True' })[0]?.value,
    ).toBe(1);
    expect(
      findSamples(samples, 'gotk_reconcile_condition', { name: 'metered', status: 'False' })[0]?.value,
    ).toBe(0);
    expect(
      findSamples(samples, 'gotk_suspend_status', { kind: 'GitRepository', name: 'metered' })[0]?.value,
    ).toBe(0);
    const results = findSamples(samples, 'controller_runtime_reconcile_total', {
      controller: 'kustomization',
    });
    expect(new Set(results.map((s) => s.labels.result))).toEqual(
      new Set(['success', 'error', 'requeue', 'requeue_after']),
    );
    expect(results.reduce((sum, s) => sum + s.value, 0)).toBeGreaterThanOrEqual(1);
    expect(
      findSamples(samples, 'controller_runtime_reconcile_errors_total', { controller: 'gitrepository' }),
    ).toHaveLength(1);
    expect(
      findSamples(samples, 'controller_runtime_max_concurrent_reconciles', { controller: 'kustomization' })[0]
        ?.value,
    ).toBe(4);
    const adds = findSamples(samples, 'workqueue_adds_total', {
      name: 'kustomization',
      controller: 'kustomization',
    });
    expect(adds[0]?.value).toBeGreaterThanOrEqual(1);
    expect(findSamples(samples, 'workqueue_depth', { name: 'kustomization' })).toHaveLength(1);
    expect(
      findSamples(samples, 'workqueue_queue_duration_seconds_count', { name: 'gitrepository' })[0]?.value,
    ).toBeGreaterThanOrEqual(1);
    for (const name of [
      'process_cpu_user_seconds_total',
      'process_resident_memory_bytes',
      'nodejs_eventloop_lag_seconds',
    ]) {
      expect(findSamples(samples, name), name).toHaveLength(1);
    }
  });

  it("writes JSON lines with Flux's keys, and no credential even when a URL carries one", async () => {
    await resources.apply(
      {
        apiVersion: 'source.toolkit.fluxcd.io/v1',
        kind: 'GitRepository',
        metadata: { name: 'leaky', namespace: 'default' },
        spec: {
          url: 'http://bot:hunter2-secret@127.0.0.1:9/none.git',
          interval: '10m',
          ref: { branch: 'main' },
        },
      },
      { fieldManager: 'test' },
    );
    await server.waitForStderr(/"name":"leaky"/);
    // The lines before the server's first are bin/tideline.js building what is stale.
    const first = server.stderr.findIndex((l) => l.startsWith('{'));
    const records = server.stderr.slice(first).map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const r of records) {
      expect(Object.keys(r).slice(0, 3)).toEqual(['level', 'ts', 'msg']);
      expect(r.ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
    const scoped = records.find((r) => r.controller === 'kustomization' && r.name === 'metered');
    expect(scoped).toMatchObject({ controllerKind: 'Kustomization', namespace: 'default' });
    expect(scoped?.reconcileID).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.stderr.join('\n')).not.toContain('hunter2-secret');
  });

  it('stops gracefully on SIGTERM within its deadline, releasing the leader lease', async () => {
    const sent = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const tookMs = Date.now() - sent;
    console.info(`graceful stop took ${tookMs} ms`);
    expect(tookMs).toBeLessThan(20_000);
    expect(server.stderr.some((l) => l.includes('✔ stopped'))).toBe(true);
    const lease = await resources.get<KubeObject & { spec?: { holderIdentity?: string } }>({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      namespace: 'flux-system',
      name: 'tideline-engine-leader-election',
    });
    expect(lease?.spec?.holderIdentity ?? '').toBe('');
  });
});
