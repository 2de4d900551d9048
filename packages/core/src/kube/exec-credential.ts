/**
 * The client side of the Kubernetes exec credential protocol (client-go
 * `plugin/pkg/client/auth/exec`), pure: what the plugin is told (`KUBERNETES_EXEC_INFO`), how
 * its answer is read, and when it must run again. Messages are client-go's.
 */

/** A kubeconfig user's `exec` section. */
export interface ExecConfig {
  command: string;
  args?: string[];
  env?: { name: string; value: string }[] | null;
  apiVersion?: string;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

/** What the plugin is told about the cluster when `provideClusterInfo` is set. */
export interface ExecClusterInfo {
  server: string;
  /** Base64 PEM, as in a kubeconfig. */
  caData?: string;
  tlsServerName?: string;
  insecureSkipTlsVerify?: boolean;
}

/** A credential the plugin returned. */
export interface ExecCredential {
  token?: string;
  clientCertificateData?: string;
  clientKeyData?: string;
  /** Epoch ms; undefined: valid until the server says otherwise (a 401). */
  expiresAtMs?: number;
}

/** Raised for a plugin that cannot be used or answered wrongly; never carries the credential. */
export class ExecCredentialError extends Error {
  override readonly name = 'ExecCredentialError';
}

/** The protocol versions client-go speaks. */
export const EXEC_API_VERSIONS = [
  'client.authentication.k8s.io/v1',
  'client.authentication.k8s.io/v1beta1',
  'client.authentication.k8s.io/v1alpha1',
] as const;

/** Checks an exec section before anything runs. Pure. */
export function validateExecConfig(config: ExecConfig): void {
  if (!config.command) throw new ExecCredentialError('exec plugin: command is required');
  if (!EXEC_API_VERSIONS.includes(config.apiVersion as (typeof EXEC_API_VERSIONS)[number]))
    throw new ExecCredentialError(`exec plugin: invalid apiVersion "${config.apiVersion ?? ''}"`);
  // The engine has no terminal: a plugin that insists on one can never run here.
  if (config.interactiveMode === 'Always')
    throw new ExecCredentialError(
      'exec plugin cannot support interactive mode: standard input is not a terminal',
    );
}

/** The `KUBERNETES_EXEC_INFO` value: an ExecCredential with the request's spec. Pure. */
export function execInfo(config: ExecConfig, cluster: ExecClusterInfo | undefined): string {
  const spec: Record<string, unknown> = { interactive: false };
  if (config.provideClusterInfo && cluster) {
    spec.cluster = {
      server: cluster.server,
      ...(cluster.tlsServerName ? { 'tls-server-name': cluster.tlsServerName } : {}),
      ...(cluster.insecureSkipTlsVerify ? { 'insecure-skip-tls-verify': true } : {}),
      ...(cluster.caData ? { 'certificate-authority-data': cluster.caData } : {}),
    };
  }
  return JSON.stringify({ kind: 'ExecCredential', apiVersion: config.apiVersion, spec });
}

/** Reads the plugin's stdout as client-go does. Pure. */
export function parseExecCredential(stdout: string, apiVersion: string): ExecCredential {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch (error) {
    throw new ExecCredentialError(`decoding stdout: ${(error as Error).message}`);
  }
  const cred = (doc && typeof doc === 'object' ? doc : {}) as {
    apiVersion?: unknown;
    status?: Record<string, unknown> | null;
  };
  if (cred.apiVersion !== apiVersion)
    throw new ExecCredentialError(
      `exec plugin is configured to use API version ${apiVersion}, plugin returned version ${String(cred.apiVersion ?? '')}`,
    );
  const status = cred.status;
  if (!status || typeof status !== 'object')
    throw new ExecCredentialError("exec plugin didn't return a status field");
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const out: ExecCredential = {
    token: text(status.token),
    clientCertificateData: text(status.clientCertificateData),
    clientKeyData: text(status.clientKeyData),
  };
  if (!out.token && !out.clientCertificateData && !out.clientKeyData)
    throw new ExecCredentialError("exec plugin didn't return a token or cert/key pair");
  if (!out.clientCertificateData !== !out.clientKeyData)
    throw new ExecCredentialError('exec plugin returned only certificate or key, not both');
  const expiry = text(status.expirationTimestamp);
  if (expiry !== undefined) {
    const ms = Date.parse(expiry);
    if (Number.isNaN(ms))
      throw new ExecCredentialError(`decoding stdout: invalid expirationTimestamp "${expiry}"`);
    out.expiresAtMs = ms;
  }
  return out;
}

/** At most this long before expiry a credential is renewed. */
export const MAX_REFRESH_SKEW_MS = 30_000;

/**
 * Whether a credential obtained at `obtainedAtMs` must be renewed at `nowMs`: never without an
 * expiry (client-go keeps it until a 401), else a little before it expires (a tenth of its
 * life, at most 30 s), so a request is not sent with a token about to lapse. Pure.
 */
export function needsRefresh(cred: ExecCredential, obtainedAtMs: number, nowMs: number): boolean {
  if (cred.expiresAtMs === undefined) return false;
  const skew = Math.min(MAX_REFRESH_SKEW_MS, Math.max(0, (cred.expiresAtMs - obtainedAtMs) / 10));
  return nowMs >= cred.expiresAtMs - skew;
}
