import { ProcessLimitError, runProcess } from '../render/subprocess.js';
import {
  execInfo,
  ExecCredentialError,
  needsRefresh,
  parseExecCredential,
  validateExecConfig,
  type ExecClusterInfo,
  type ExecConfig,
  type ExecCredential,
} from './exec-credential.js';
import type { AuthBase, AuthState, RequestAuth } from './request-auth.js';

/** A plugin that has not answered after this long is killed. */
export const EXEC_PLUGIN_TIMEOUT_MS = 60_000;
/** Its answer is a small JSON document. */
const MAX_PLUGIN_OUTPUT_BYTES = 1024 * 1024;
/** A credential obtained because of a 401 and refused again this soon is not renewed again (no storm). */
const MIN_RERUN_AFTER_401_MS = 5_000;

/**
 * Runs an exec credential plugin as client-go does: argv (never a shell), the engine's
 * environment plus the kubeconfig's `env` and `KUBERNETES_EXEC_INFO`, no stdin (never
 * interactive); bounded in time and output. Failures say which executable and how, never
 * what it printed (stderr can hold a token).
 */
export async function runExecPlugin(config: ExecConfig, cluster?: ExecClusterInfo): Promise<ExecCredential> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const { name, value } of config.env ?? []) env[name] = value;
  env.KUBERNETES_EXEC_INFO = execInfo(config, cluster);
  let result;
  try {
    result = await runProcess(config.command, config.args ?? [], {
      env,
      timeoutMs: EXEC_PLUGIN_TIMEOUT_MS,
      maxStdoutBytes: MAX_PLUGIN_OUTPUT_BYTES,
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      const hint = config.installHint ? `\n\n${config.installHint}` : '';
      throw new ExecCredentialError(`exec: executable ${config.command} not found${hint}`);
    }
    if (error instanceof ProcessLimitError)
      throw new ExecCredentialError(`exec: executable ${config.command}: ${error.message}`);
    throw error;
  }
  if (result.code !== 0)
    throw new ExecCredentialError(
      `exec: executable ${config.command} failed with exit code ${String(result.code)}`,
    );
  return parseExecCredential(result.stdout, config.apiVersion ?? '');
}

/**
 * Credentials from an exec plugin (the engine's own kubeconfig only: a kubeconfig from a Secret
 * may not run programs). The plugin runs on first use, again shortly before
 * `expirationTimestamp`, and again when the API server answers 401 to the current credential;
 * concurrent requests share one run.
 */
export class ExecAuth implements RequestAuth {
  private state?: { cred: ExecCredential; obtainedAtMs: number; auth: AuthState; after401: boolean };
  private pending?: Promise<AuthState>;

  constructor(
    private readonly config: ExecConfig,
    private readonly cluster: ExecClusterInfo | undefined,
    private readonly base: AuthBase,
    private readonly now: () => number = Date.now,
  ) {
    validateExecConfig(config);
  }

  current(): Promise<AuthState> {
    const s = this.state;
    if (s && !needsRefresh(s.cred, s.obtainedAtMs, this.now())) return Promise.resolve(s.auth);
    return this.refresh();
  }

  async unauthorized(used: AuthState): Promise<boolean> {
    const s = this.state;
    if (this.pending) return this.pending.then(() => true);
    if (s && s.auth !== used) return true;
    if (s?.after401 && this.now() - s.obtainedAtMs < MIN_RERUN_AFTER_401_MS) return false;
    this.state = undefined;
    await this.refresh(true);
    return true;
  }

  private refresh(after401 = false): Promise<AuthState> {
    this.pending ??= this.obtain(after401).finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async obtain(after401: boolean): Promise<AuthState> {
    const cred = await runExecPlugin(this.config, this.cluster);
    const cert =
      cred.clientCertificateData && cred.clientKeyData
        ? { cert: cred.clientCertificateData, key: cred.clientKeyData }
        : undefined;
    const auth = this.base.with(cred.token, cert);
    const old = this.state?.auth.agent;
    // A replaced client-certificate agent is closed once its last requests are surely done.
    if (old && old !== this.base.agent) setTimeout(() => old.destroy(), 60_000).unref();
    this.state = { cred, obtainedAtMs: this.now(), auth, after401 };
    return auth;
  }
}
