import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ProcessLimitError, runProcess } from './subprocess.js';

/** Raised when `kustomize build` fails; the message is kustomize's own. */
export class KustomizeBuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KustomizeBuildError';
  }
}

/** Default cap on what one build may print. */
export const DEFAULT_MAX_BUILD_BYTES = 32 * 1024 * 1024;

/** Options for {@link kustomizeBuild}. */
export interface KustomizeOptions {
  kubectlBin: string;
  timeoutMs: number;
  maxOutputBytes?: number;
  signal?: AbortSignal;
  /**
   * kustomize's file-loading rule. Flux builds with `LoadRestrictionsNone` (files anywhere in
   * the artifact); only pass it after {@link checkBuildConfinement} has vetted the tree.
   */
  loadRestrictor?: 'LoadRestrictionsRootOnly' | 'LoadRestrictionsNone';
}

/** An empty directory used as the whole PATH, so kustomize finds no `git` to fetch remote bases. */
const NO_TOOLS_PATH = mkdtempSync(join(tmpdir(), 'tideline-nopath-'));

function limitMessage(error: unknown, options: KustomizeOptions): string {
  if (error instanceof ProcessLimitError) {
    return error.message.includes('output')
      ? `output exceeds the ${options.maxOutputBytes ?? DEFAULT_MAX_BUILD_BYTES} byte limit`
      : `timed out after ${options.timeoutMs} ms`;
  }
  return (error as Error).message;
}

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
  const args = [
    'kustomize',
    `--load-restrictor=${options.loadRestrictor ?? 'LoadRestrictionsRootOnly'}`,
    '--',
    dir,
  ];
  const res = await runProcess(options.kubectlBin, args, {
    env,
    timeoutMs: options.timeoutMs,
    maxStdoutBytes: options.maxOutputBytes ?? DEFAULT_MAX_BUILD_BYTES,
    signal: options.signal,
  }).catch((error: unknown) => {
    throw new KustomizeBuildError(`kustomize build failed: ${limitMessage(error, options)}`);
  });
  if (res.code !== 0) {
    const detail = res.stderr
      .trim()
      .replace(/^Error:\s*/, '')
      .replace(/^error:\s*/, '')
      .replaceAll(dir, '.');
    throw new KustomizeBuildError(`kustomize build failed: ${detail}`);
  }
  return res.stdout;
}
