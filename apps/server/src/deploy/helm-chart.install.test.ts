// Installs the chart with the pinned helm on a real kube-apiserver (the sandbox) and checks that
// every object exists, the Deployment reports its replica available, and the API server's own
// RBAC authorizer answers as the chart's roles intend (`kubectl auth can-i --as` the
// ServiceAccount). The simulated kubelet does not run the image: it reports the pod Running and
// Ready, so Ready here means the Deployment, its pod spec and the RBAC are accepted by a real
// API server and scheduled, not that Tideline serves inside the pod.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fluxCrds, KubeClient, Resources, type KubeObject } from '@tideline/core';
import { startSandbox, type Sandbox } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pinnedTool } from '../cli/pinned-tools.js';
import { CHART_DIR, describe as describeObject, parseManifests, runHelm } from '../testing/chart-fixture.js';

const NAMESPACE = 'flux-system';
const SERVICE_ACCOUNT = `system:serviceaccount:${NAMESPACE}:tideline`;

let dir: string;
let sandbox: Sandbox;
let resources: Resources;

/** `helm <args> --kubeconfig <sandbox>`; fails the test with helm's message. */
async function helm(args: string[], values?: Record<string, unknown>): Promise<string> {
  const run = await runHelm([...args, '--kubeconfig', sandbox.kubeconfigPath], values);
  if (!run.ok) throw new Error(`helm ${args[0]} failed: ${run.stderr}`);
  return run.stdout;
}

/** Whether the API server allows the chart's ServiceAccount this (exit 0: yes, 1: no). */
async function canI(...args: string[]): Promise<boolean> {
  try {
    await promisify(execFile)(
      pinnedTool('kubectl'),
      ['--kubeconfig', sandbox.kubeconfigPath, 'auth', 'can-i', ...args, '--as', SERVICE_ACCOUNT],
      { timeout: 30_000 },
    );
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 1) return false;
    throw error;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-chart-it-'));
  sandbox = await startSandbox({ dir, podStartDelayMs: 100 });
  resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  // The engine installs Flux's CRDs when it starts; can-i resolves their resources by discovery.
  for (const crd of fluxCrds())
    await resources.apply(crd as KubeObject, { fieldManager: 'tideline', force: true });
});

afterAll(async () => {
  await sandbox?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('helm install on the sandbox', () => {
  it('creates every object of the chart, and the Deployment becomes available', async () => {
    const started = Date.now();
    await helm([
      'install',
      'tideline',
      CHART_DIR,
      '--namespace',
      NAMESPACE,
      '--create-namespace',
      '--wait',
      '--timeout',
      '120s',
    ]);
    const installMs = Date.now() - started;
    const manifest = parseManifests(await helm(['get', 'manifest', 'tideline', '--namespace', NAMESPACE]));
    expect(manifest.map(describeObject)).toContain('Deployment/tideline');
    // On 1.20 the chart must pick the PDB API the server serves.
    expect(manifest.find((o) => o.kind === 'PodDisruptionBudget')?.apiVersion).toBe('policy/v1beta1');
    for (const obj of manifest) {
      const live = await resources.get({
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
      });
      expect(live, describeObject(obj)).toBeDefined();
    }
    const deployment = await resources.get<KubeObject & { status?: { availableReplicas?: number } }>({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace: NAMESPACE,
      name: 'tideline',
    });
    expect(deployment?.status?.availableReplicas).toBe(1);
    console.info(`helm install --wait on the sandbox: ${installMs} ms`);
  });

  it.each<[string[], boolean]>([
    [['list', 'kustomizations.kustomize.toolkit.fluxcd.io', '-A'], true],
    [['patch', 'kustomizations.kustomize.toolkit.fluxcd.io', '--subresource=status', '-n', 'apps'], true],
    [['create', 'helmcharts.source.toolkit.fluxcd.io', '-n', NAMESPACE], true],
    [['create', 'events', '-n', 'apps'], true],
    [['get', 'secrets', '-n', 'apps'], true],
    [['watch', 'deployments.apps', '-A'], true],
    [['impersonate', 'serviceaccounts', '-n', 'apps'], true],
    [['update', 'leases.coordination.k8s.io', '-n', NAMESPACE], true],
    [['update', 'leases.coordination.k8s.io', '-n', 'kube-system'], false],
    [['delete', 'leases.coordination.k8s.io', '-n', NAMESPACE], false],
    [['create', 'deployments.apps', '-n', 'apps'], false],
    [['delete', 'configmaps', '-n', 'apps'], false],
    [['create', 'clusterrolebindings.rbac.authorization.k8s.io'], false],
    [['impersonate', 'users'], false],
    [['patch', 'namespaces/kube-system'], false],
    [['patch', `namespaces/${NAMESPACE}`], true],
    [['create', 'customresourcedefinitions.apiextensions.k8s.io'], false],
    [['create', 'customresourcedefinitions.apiextensions.k8s.io/helmreleases.helm.toolkit.fluxcd.io'], true],
  ])('least privilege: can-i %j → %s', async (args, allowed) => {
    expect(await canI(...args)).toBe(allowed);
  });

  it('rbac.clusterAdmin=true on upgrade lets it apply anything; uninstall removes every object', async () => {
    await helm(['upgrade', 'tideline', CHART_DIR, '--namespace', NAMESPACE, '--wait', '--timeout', '120s'], {
      rbac: { clusterAdmin: true },
    });
    expect(await canI('create', 'deployments.apps', '-n', 'apps')).toBe(true);
    expect(
      await resources.get({
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        name: 'tideline',
      }),
    ).toBeUndefined();
    const manifest = parseManifests(await helm(['get', 'manifest', 'tideline', '--namespace', NAMESPACE]));
    await helm(['uninstall', 'tideline', '--namespace', NAMESPACE, '--wait', '--timeout', '120s']);
    for (const obj of manifest) {
      const ref = {
        apiVersion: obj.apiVersion,
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
      };
      expect(await resources.get(ref), describeObject(obj)).toBeUndefined();
    }
  });
});
