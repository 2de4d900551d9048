import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, KubeClient, Resources, type Engine } from '@tideline/core';
import { startSandbox, type BasicAuth, type Sandbox } from '@tideline/sandbox';
import { vi } from 'vitest';
import { main } from '../cli/main.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/** What one `tideline` run printed and returned. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A sandbox with the engine on it, and the CLI pointed at its kubeconfig. */
export interface CliFixture {
  sandbox: Sandbox;
  engine: Engine;
  resources: Resources;
  /** The pinned helm the engine runs (to publish charts to the sandbox). */
  helmBin: string;
  /** Runs `tideline <argv> --kubeconfig <sandbox>` in this process, capturing its output. */
  cli(...argv: string[]): Promise<CliRun>;
  stop(): Promise<void>;
}

/**
 * Runs the CLI's `main` with stdout and stderr captured (the CLI writes through
 * `process.stdout`/`process.stderr`, so spying on them sees exactly what a terminal would).
 */
export async function runCli(argv: readonly string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** Options for {@link startCliFixture}. */
export interface CliFixtureOptions {
  /** Make the sandbox Git server require these basic-auth credentials. */
  gitAuth?: BasicAuth;
}

/** Starts a fresh sandbox in a temp dir and the engine on it (the pinned kubectl and helm). */
export async function startCliFixture(options: CliFixtureOptions = {}): Promise<CliFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'tideline-cli-'));
  const sandbox = await startSandbox({ dir, podStartDelayMs: 100, gitAuth: options.gitAuth });
  const helmBin = process.env.HELM_BIN ?? join(REPO_ROOT, '.tools', 'bin', 'helm');
  const engine = await createEngine({
    kubeconfigPath: sandbox.kubeconfigPath,
    storageDir: join(dir, 'engine'),
    kubectlBin: process.env.KUBECTL_BIN ?? join(REPO_ROOT, '.tools', 'bin', 'kubectl'),
    helmBin,
    kustomization: { healthCheckIntervalMs: 500, stageWaitIntervalMs: 500 },
    logger: () => undefined,
  });
  const resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  return {
    sandbox,
    engine,
    resources,
    helmBin,
    cli: (...argv) => runCli([...argv, '--kubeconfig', sandbox.kubeconfigPath]),
    stop: async () => {
      await engine.stop();
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
