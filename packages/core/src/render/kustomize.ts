import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runProcess } from './subprocess.js';

/** Raised when `kustomize build` fails; the message is kustomize's own. */
export class KustomizeBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KustomizeBuildError';
  }
}

/** Options for {@link kustomizeBuild}. */
export interface KustomizeOptions {
  kubectlBin: string;
  timeoutMs: number;
  maxOutputBytes?: number;
  signal?: AbortSignal;
}

/** An empty directory used as the whole PATH, so kustomize finds no `git` to fetch remote bases. */
const NO_TOOLS_PATH = mkdtempSync(join(tmpdir(), 'tideline-nopath-'));

/**
 * Runs `kubectl kustomize <dir>` (the pinned kustomize) with a wall-clock limit and an output
 * cap. Remote bases are refused: git is not on its PATH and HTTP goes to a dead proxy.
 */
export async function kustomizeBuild(dir: string, options: KustomizeOptions): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    PATH: NO_TOOLS_PATH,
    HOME: NO_TOOLS_PATH,
    HTTP_PROXY: 'http://127.0.0.1:9',
    HTTPS_PROXY: 'http://127.0.0.1:9',
    NO_PROXY: '',
    KUBECONFIG: '/dev/null',
  };
  const res = await runProcess(options.kubectlBin, ['kustomize', dir], {
    env,
    timeoutMs: options.timeoutMs,
    maxStdoutBytes: options.maxOutputBytes ?? 64 * 1024 * 1024,
    signal: options.signal,
  }).catch((error: unknown) => {
    throw new KustomizeBuildError(`kustomize build failed: ${(error as Error).message}`);
  });
  if (res.code !== 0) {
    const detail = res.stderr.trim().replace(/^Error:\s*/, '').replaceAll(dir, '.');
    throw new KustomizeBuildError(`kustomize build failed: ${detail}`);
  }
  return res.stdout;
}
