import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, Resources } from '@tideline/core';
import { startSandbox, type Sandbox } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FluxObjectSummary } from '../api/dto.js';
import {
  applyGitOpsPair,
  configMap,
  pushFiles,
  readyOf,
  waitForKustomization,
} from '../testing/gitops-objects.js';
import { findSamples, parsePrometheusText } from '../testing/prometheus-text.js';
import { headlessArgs, startServerProcess, type ServerProcess } from '../testing/server-process.js';

// Observe mode for real: one Tideline process runs the engine; another, `tideline start
// --observe`, runs none. The observer shows what the engine does and acts on it through the
// cluster (suspend, resume, reconcile-now are patches), and the engine honours each action.

const TOKEN = 'observe-test-admin-token-0123456789';
const KEY = { kind: 'Kustomization', namespace: 'default', name: 'observed' } as const;
const CM = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'observed' };

let dir: string;
let sandbox: Sandbox;
let resources: Resources;
let engine: ServerProcess;
let observer: ServerProcess;

async function trpc<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${observer.url}/trpc/${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return ((await res.json()) as { result: { data: T } }).result.data;
}

async function shown(): Promise<FluxObjectSummary | undefined> {
  const list = await trpc<FluxObjectSummary[]>('objects.list');
  return list.find((o) => o.kind === KEY.kind && o.namespace === KEY.namespace && o.name === KEY.name);
}

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-observe-'));
  sandbox = await startSandbox({ dir: join(dir, 'sandbox'), podStartDelayMs: 100 });
  resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  engine = await startServerProcess([
    ...headlessArgs(sandbox.kubeconfigPath, join(dir, 'engine')),
    '--log-level',
    'error',
  ]);
  observer = await startServerProcess(
    [...headlessArgs(sandbox.kubeconfigPath, join(dir, 'observer')), '--observe', '--log-level', 'error'],
    { TIDELINE_ADMIN_TOKEN: TOKEN },
  );
  const url = await sandbox.createGitRepository('observed');
  await pushFiles(url, { 'observed/cm.yaml': configMap('observed') });
  await applyGitOpsPair(resources, 'observed', url);
});

afterAll(async () => {
  for (const p of [engine, observer]) p?.child.kill('SIGKILL');
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('tideline start --observe beside an engine in another process', () => {
  it('shows what the other engine reconciled, and reconciles nothing itself', async () => {
    await waitForKustomization(resources, 'observed', (o) => readyOf(o) === 'True');
    const summary = await until(shown, (o) => o?.ready === 'True');
    expect(summary?.readyReason).toBe('ReconciliationSucceeded');
    const readyz = await (await fetch(`${observer.metricsUrl}/readyz`)).text();
    expect(readyz).toBe('[+]informers ok\n[+]shutdown ok\nreadyz check passed\n');
    const samples = parsePrometheusText(await (await fetch(`${observer.metricsUrl}/metrics`)).text());
    expect(findSamples(samples, 'gotk_reconcile_condition', { ...KEY, status: 'True' })[0]?.value).toBe(1);
    expect(findSamples(samples, 'controller_runtime_reconcile_total')).toEqual([]);
  });

  it('suspends: the engine records the request, as Flux does, but corrects no drift', async () => {
    await trpc('actions.suspend', KEY);
    await waitForKustomization(resources, 'observed', (o) => o.spec?.suspend === true);
    expect((await until(shown, (o) => o?.suspended === true))?.suspended).toBe(true);
    await resources.delete(CM);
    const { requestedAt } = await trpc<{ requestedAt: string }>('actions.reconcile', KEY);
    // Flux still records lastHandledReconcileAt for a suspended object; it applies nothing.
    await waitForKustomization(
      resources,
      'observed',
      (o) => o.status?.lastHandledReconcileAt === requestedAt,
    );
    await new Promise((r) => setTimeout(r, 2_000));
    expect(await resources.get(CM)).toBeUndefined();
  });

  it('resumes: the engine corrects the drift; reconcile-now is handled and shown', async () => {
    await trpc('actions.resume', KEY);
    await until(
      () => resources.get(CM),
      (cm) => cm !== undefined,
    );
    const { requestedAt } = await trpc<{ requestedAt: string }>('actions.reconcile', KEY);
    const handled = await waitForKustomization(
      resources,
      'observed',
      (o) => o.status?.lastHandledReconcileAt === requestedAt && readyOf(o) === 'True',
    );
    expect(handled.spec?.suspend).not.toBe(true);
    const summary = await until(shown, (o) => o?.lastHandledReconcileAt === requestedAt);
    expect(summary?.suspended).toBe(false);
  });
});
