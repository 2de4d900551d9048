import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitConfigEnvironment } from '../sources/git-config-env.js';
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
  /**
   * Remote bases allowed (the engine option; the confinement check has let them through):
   * kustomize may run git (https/http only) and reach the network, through `proxyUrl` (the
   * address policy's proxy) when one is given. Without this, kustomize has no git and no route.
   */
  remoteBases?: { proxyUrl?: string };
}

/** An empty directory used as the whole PATH (and HOME), so kustomize finds no `git` and no config. */
const NO_TOOLS_PATH = mkdtempSync(join(tmpdir(), 'tideline-nopath-'));

function limitMessage(error: unknown, options: KustomizeOptions): string {
  if (error instanceof ProcessLimitError) {
    return error.message.includes('output')
      ? `output exceeds the ${options.maxOutputBytes ?? DEFAULT_MAX_BUILD_BYTES} byte limit`
      : `timed out after ${options.timeoutMs} ms`;
  }
  return (error as Error).message;
}

/** Git as kustomize may run it for a remote base: no prompts, no user config, https/http only. */
const REMOTE_GIT_ENV: NodeJS.ProcessEnv = {
  GIT_TERMINAL_PROMPT: '0',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_ASKPASS: '/bin/false',
  ...gitConfigEnvironment([
    ['protocol.allow', 'never'],
    ['protocol.https.allow', 'always'],
    ['protocol.http.allow', 'always'],
  ]),
};

/**
 * kustomize's environment. Remote bases are decided before it runs (`build-confinement.ts`
 * refuses them unless allowed); without them, no git on PATH and a dead proxy are only a
 * second line (Go skips a proxy for loopback, so the proxy alone never was a guard).
 */
function kustomizeEnv(options: KustomizeOptions): NodeJS.ProcessEnv {
  const base = { HOME: NO_TOOLS_PATH, KUBECONFIG: '/dev/null' };
  if (!options.remoteBases) {
    const dead = 'http://127.0.0.1:9';
    return { ...base, PATH: NO_TOOLS_PATH, HTTP_PROXY: dead, HTTPS_PROXY: dead, NO_PROXY: '' };
  }
  const proxy = options.remoteBases.proxyUrl;
  return {
    ...base,
    ...REMOTE_GIT_ENV,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...(proxy
      ? {
          HTTP_PROXY: proxy,
          HTTPS_PROXY: proxy,
          http_proxy: proxy,
          https_proxy: proxy,
          NO_PROXY: '',
          no_proxy: '',
        }
      : {}),
  };
}

/**
 * Runs `kubectl kustomize <dir>` (the pinned kustomize) with a wall-clock limit and an output
 * cap, offline unless `remoteBases` says otherwise.
 */
export async function kustomizeBuild(dir: string, options: KustomizeOptions): Promise<string> {
  const env = kustomizeEnv(options);
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
