import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandbox, type BasicAuth, type Sandbox } from '@tideline/sandbox';
import { createEngine, type Engine, type EngineOptions } from '../engine.js';
import { KubeClient } from '../kube/client.js';
import type { KubeObject } from '../kube/objects.js';
import { Resources, type ObjectRef } from '../kube/resources.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** The pinned kubectl installed by `npm run setup` (KUBECTL_BIN overrides). */
export function pinnedKubectl(): string {
  return process.env.KUBECTL_BIN ?? join(REPO_ROOT, '.tools', 'bin', 'kubectl');
}

/** The pinned helm installed by `npm run setup` (HELM_BIN overrides). */
export function pinnedHelmBin(): string {
  return process.env.HELM_BIN ?? join(REPO_ROOT, '.tools', 'bin', 'helm');
}

/** A sandbox with the engine running against it, for integration tests. */
export interface ClusterFixture {
  sandbox: Sandbox;
  engine: Engine;
  resources: Resources;
  stop(): Promise<void>;
}

/** Options for {@link startClusterFixture}; the defaults suit most tests. */
export interface ClusterFixtureOptions {
  /** Make the sandbox registry require these basic-auth credentials. */
  registryAuth?: BasicAuth;
  /** Engine tuning a test needs (e.g. a small OCI layer cap, an address policy). */
  engine?: Pick<
    EngineOptions,
    'ociRepository' | 'notifications' | 'addressPolicy' | 'kustomization' | 'helmRelease'
  >;
  /** Receives every engine log line (tests that check what the logs never say). */
  logSink?: (level: string, message: string) => void;
  /** Delay before the simulated kubelet reports a Pod Running (default 100 ms). */
  podStartDelayMs?: number;
}

/** Starts a fresh sandbox in a temp dir and the engine on it. */
export async function startClusterFixture(options: ClusterFixtureOptions = {}): Promise<ClusterFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'tideline-it-'));
  const sandbox = await startSandbox({
    dir,
    podStartDelayMs: options.podStartDelayMs ?? 100,
    registryAuth: options.registryAuth,
  });
  const engine = await createEngine({
    kubeconfigPath: sandbox.kubeconfigPath,
    storageDir: join(dir, 'engine'),
    kubectlBin: pinnedKubectl(),
    helmBin: pinnedHelmBin(),
    ...options.engine,
    kustomization: { healthCheckIntervalMs: 500, stageWaitIntervalMs: 500, ...options.engine?.kustomization },
    logger: (level, message) => {
      options.logSink?.(level, message);
      if (level === 'error' && process.env.TIDELINE_TEST_LOG) console.error(message);
    },
  });
  const resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  return {
    sandbox,
    engine,
    resources,
    stop: async () => {
      await engine.stop();
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls an object until `predicate` holds; fails with the last seen state. */
export async function waitForObject<T extends KubeObject>(
  resources: Resources,
  ref: ObjectRef,
  predicate: (obj: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await resources.get<T>(ref);
    if (last && predicate(last)) return last;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out waiting for ${ref.kind} ${ref.namespace}/${ref.name}; last seen: ${JSON.stringify((last as { status?: unknown } | undefined)?.status ?? last)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The Ready condition of a Flux object. */
export function ready(obj: KubeObject): { status: string; reason: string; message: string } | undefined {
  return (
    obj as { status?: { conditions?: { type: string; status: string; reason: string; message: string }[] } }
  ).status?.conditions?.find((c) => c.type === 'Ready');
}
