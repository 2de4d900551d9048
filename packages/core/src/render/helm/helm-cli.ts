import { mkdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { errorMessage } from '../../runtime/errors.js';
import { ProcessTimeoutError, runProcess } from '../subprocess.js';
import { helmError, lastHelmLogs, type TimedLine } from './helm-log.js';
import { withFlags } from './helm-args.js';
import type { PostRenderSpec } from './post-render.js';
import type { PostRenderServer } from './post-render-server.js';

/** The cluster and identity a helm call acts as. */
export interface HelmTarget {
  /** A kubeconfig file (the engine's own). */
  kubeconfigPath?: string;
  /** Kubeconfig text of a remote cluster (from a Secret): written 0600 for the call only. */
  kubeconfigText?: string;
  /** `--kube-as-user`. */
  impersonate?: string;
}

/** One helm call. */
export interface HelmCall {
  args: readonly string[];
  target: HelmTarget;
  /** Helm's own `--timeout`; the process gets a minute more to clean up. */
  timeoutMs: number;
  stdin?: string;
  postRender?: PostRenderSpec;
  signal?: AbortSignal;
}

/** What a helm call did. */
export interface HelmResult {
  ok: boolean;
  /** The error as the SDK words it (CLI prefixes removed), when not ok. */
  error?: string;
  /** Flux's "Last Helm logs" of the call. */
  logs: string;
  stdout: string;
}

/** Options of {@link HelmCli}. */
export interface HelmCliOptions {
  helmBin: string;
  /** Private folder for Helm's homes (cache, config, data, discovery cache) and its plugins. */
  homeDir: string;
  /** The post-render server, started in `<homeDir>` (its plugin in `<homeDir>/plugins`). */
  postRender?: Promise<PostRenderServer>;
}

const MAX_STDOUT = 16 * 1024 * 1024;

/**
 * Runs the pinned helm CLI: argv only, private homes (so the discovery cache persists between
 * calls and nothing of the user's Helm config leaks in), `--debug` logs captured with their
 * arrival time for "Last Helm logs", a post-render token per call.
 */
export class HelmCli {
  private readonly env: NodeJS.ProcessEnv;

  constructor(private readonly options: HelmCliOptions) {
    mkdirSync(options.homeDir, { recursive: true, mode: 0o700 });
    const home = options.homeDir;
    this.env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      HELM_CACHE_HOME: join(home, 'cache'),
      HELM_CONFIG_HOME: join(home, 'config'),
      HELM_DATA_HOME: join(home, 'data'),
      HELM_PLUGINS: join(home, 'plugins'),
      // helm lives for a second: a lazier GC saves a fifth of its CPU (measured 0.23 → 0.19 s per
      // install), and the memory limit keeps a large chart from growing the heap unbounded.
      GOGC: '400',
      GOMEMLIMIT: '512MiB',
    };
  }

  /** Runs one call; never throws for helm's own failures (they are in the result). */
  async run(call: HelmCall): Promise<HelmResult> {
    const lines: TimedLine[] = [];
    let partial = '';
    const onStderr = (chunk: Buffer): void => {
      const now = Date.now();
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      for (const text of parts) lines.push({ atMs: now, text });
    };
    let tempDir: string | undefined;
    const server = call.postRender ? await this.options.postRender : undefined;
    const registered = call.postRender ? server?.register(call.postRender) : undefined;
    try {
      const connection: string[] = [];
      if (call.target.kubeconfigText !== undefined) {
        tempDir = await mkdtemp(join(this.options.homeDir, 'kc-'));
        const file = join(tempDir, 'kubeconfig');
        await writeFile(file, call.target.kubeconfigText, { mode: 0o600 });
        connection.push('--kubeconfig', file);
      } else if (call.target.kubeconfigPath) connection.push('--kubeconfig', call.target.kubeconfigPath);
      if (call.target.impersonate) connection.push('--kube-as-user', call.target.impersonate);
      const args = withFlags(call.args, [...connection, ...(registered?.args ?? []), '--debug']);
      const result = await runProcess(this.options.helmBin, args, {
        env: this.env,
        timeoutMs: call.timeoutMs + 60_000,
        maxStdoutBytes: MAX_STDOUT,
        input: call.stdin ?? '',
        signal: call.signal,
        onStderr,
      });
      if (partial) lines.push({ atMs: Date.now(), text: partial });
      const logs = lastHelmLogs(lines);
      if (result.code === 0) return { ok: true, logs, stdout: result.stdout };
      const postRenderError = registered ? server?.release(registered.token) : undefined;
      const error = helmError(result.stderr) ?? `helm exited with code ${String(result.code)}`;
      return {
        ok: false,
        error: postRenderError ? `error while running post render on files: ${postRenderError}` : error,
        logs,
        stdout: result.stdout,
      };
    } catch (error) {
      if (call.signal?.aborted) throw error;
      const message =
        error instanceof ProcessTimeoutError
          ? 'context deadline exceeded'
          : `failed to run helm: ${errorMessage(error)}`;
      return { ok: false, error: message, logs: lastHelmLogs(lines), stdout: '' };
    } finally {
      if (registered) server?.release(registered.token);
      if (tempDir) await rm(tempDir, { recursive: true, force: true });
    }
  }
}
