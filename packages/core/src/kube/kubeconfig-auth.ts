import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { AgentOptions } from 'node:https';
import type { KubeConfig, User } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { ExecAuth } from './exec-auth.js';
import type { ExecConfig } from './exec-credential.js';
import { AuthBase, StaticAuth, TokenFileAuth, type AuthState, type RequestAuth } from './request-auth.js';

/** How long an auth-provider's header is reused before the library is asked again. */
const PROVIDER_MEMO_MS = 10_000;

/**
 * A legacy `auth-provider` (oidc, gcp, azure) through `@kubernetes/client-node`'s own
 * authenticators, which renew their tokens (OIDC: with the refresh token once the id-token's
 * `exp` passes). Asked again every 10 s and after a 401.
 */
class ProviderAuth implements RequestAuth {
  private memo?: { auth: AuthState; atMs: number };

  constructor(
    private readonly kc: KubeConfig,
    private readonly base: AuthBase,
  ) {}

  async current(): Promise<AuthState> {
    if (this.memo && Date.now() - this.memo.atMs < PROVIDER_MEMO_MS) return this.memo.auth;
    const opts: { headers?: Record<string, string> } = {};
    await this.kc.applyToHTTPSOptions(opts);
    const authorization = opts.headers?.Authorization ?? opts.headers?.authorization;
    const auth = new StaticAuth(this.base, authorization);
    this.memo = { auth: await auth.current(), atMs: Date.now() };
    return this.memo.auth;
  }

  async unauthorized(used: AuthState): Promise<boolean> {
    this.memo = undefined;
    const fresh = await this.current();
    return fresh.headers.authorization !== used.headers.authorization;
  }
}

async function fileOrData(file: string | undefined, data: string | undefined): Promise<Buffer | undefined> {
  if (data) return Buffer.from(data, 'base64');
  return file ? readFile(file) : undefined;
}

/** The `tokenFile` of `user` in the kubeconfig at `path` (the library drops that field). */
async function tokenFileOf(path: string | undefined, user: User): Promise<string | undefined> {
  if (!path) return undefined;
  const doc = parse(await readFile(path, 'utf8'), { maxAliasCount: 100 }) as {
    users?: { name?: string; user?: { tokenFile?: unknown } }[];
  } | null;
  const file = doc?.users?.find((u) => u.name === user.name)?.user?.tokenFile;
  if (typeof file !== 'string' || file === '') return undefined;
  return isAbsolute(file) ? file : join(dirname(path), file);
}

/** A legacy exec section nested in `auth-provider.config.exec`, as the library accepts it. */
function execOf(user: User): ExecConfig | undefined {
  const legacy = (user.authProvider as { config?: { exec?: ExecConfig } } | undefined)?.config?.exec;
  return (user.exec as ExecConfig | undefined) ?? legacy;
}

/**
 * The credentials of the engine's own kubeconfig, renewed as client-go renews them: an exec
 * plugin (re-run before `expirationTimestamp` and after a 401), a `tokenFile` (re-read every
 * minute and after a 401), an auth-provider (the library's OIDC refresh), or static ones.
 */
export async function kubeconfigAuth(kc: KubeConfig, path: string | undefined): Promise<RequestAuth> {
  const cluster = kc.getCurrentCluster();
  const user = kc.getCurrentUser();
  const tls: AgentOptions = {
    ca: await fileOrData(cluster?.caFile, cluster?.caData),
    cert: user ? await fileOrData(user.certFile, user.certData) : undefined,
    key: user ? await fileOrData(user.keyFile, user.keyData) : undefined,
    servername: cluster?.tlsServerName,
    ...(cluster?.skipTLSVerify ? { rejectUnauthorized: false } : {}),
  };
  const headers: Record<string, string> = user?.impersonateUser
    ? { 'impersonate-user': user.impersonateUser }
    : {};
  const base = new AuthBase(tls, headers);
  if (!user) return new StaticAuth(base);
  const exec = execOf(user);
  if (exec) {
    const info = cluster
      ? {
          server: cluster.server,
          caData: cluster.caData ?? (tls.ca ? Buffer.from(tls.ca as Buffer).toString('base64') : undefined),
          tlsServerName: cluster.tlsServerName,
          insecureSkipTlsVerify: cluster.skipTLSVerify,
        }
      : undefined;
    return new ExecAuth(exec, info, base);
  }
  const provider = user.authProvider as { name?: string; config?: { tokenFile?: string } } | undefined;
  if (provider?.name === 'tokenFile' && provider.config?.tokenFile)
    return new TokenFileAuth(provider.config.tokenFile, base);
  const tokenFile = await tokenFileOf(path, user);
  if (tokenFile) return new TokenFileAuth(tokenFile, base);
  if (provider) return new ProviderAuth(kc, base);
  if (user.token) return new StaticAuth(base, `Bearer ${user.token}`);
  if (user.username)
    return new StaticAuth(
      base,
      `Basic ${Buffer.from(`${user.username}:${user.password ?? ''}`).toString('base64')}`,
    );
  return new StaticAuth(base);
}
