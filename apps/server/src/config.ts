import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { parseDuration } from '@tideline/core';
import { isLoopbackIp, normalizeIp } from './auth/ip-address.js';
import type { OidcSettings } from './auth/oidc-sign-in.js';

/** The repository root (this file lives in apps/server/src or apps/server/dist). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the server keeps its own state: the admin token hash, the session secret, artifacts. */
export function defaultStateDir(): string {
  return join(homedir(), '.local', 'share', 'tideline', 'server');
}

const ConfigSchema = z.object({
  kubeconfig: z.string().min(1).optional(),
  host: z.string().min(1).default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(3000),
  stateDir: z.string().min(1).default(defaultStateDir()),
  sandboxDir: z.string().min(1).optional(),
  adminToken: z.string().min(16, 'TIDELINE_ADMIN_TOKEN must be at least 16 characters').optional(),
  kubectlBin: z
    .string()
    .min(1)
    .default(join(REPO_ROOT, '.tools', 'bin', 'kubectl')),
  helmBin: z
    .string()
    .min(1)
    .default(join(REPO_ROOT, '.tools', 'bin', 'helm')),
  webDir: z
    .string()
    .min(1)
    .default(join(REPO_ROOT, 'apps', 'web')),
  /** Watch and act on a cluster whose Flux controllers do the reconciling; run no engine. */
  observe: z.boolean().default(false),
  /** Create and bootstrap the demo repository (default: when running on the embedded sandbox). */
  demo: z.boolean().optional(),
  /** Extra Host header values to answer (`name`, `.suffix` for subdomains, an IP). */
  allowedHosts: z.array(z.string().min(1).max(253)).default([]),
  /** Reverse proxies whose `X-Forwarded-For`/`X-Forwarded-Proto` are believed (IP addresses). */
  trustedProxies: z
    .array(z.string().refine((v) => normalizeIp(v) !== undefined, 'must be an IP address'))
    .default([]),
  /** Listen on a non-loopback address over plain HTTP (behind a TLS-terminating proxy). */
  insecureListen: z.boolean().default(false),
  /** Serve HTTPS with this PEM certificate (chain) and `tlsKeyFile`; both re-read when they change. */
  tlsCertFile: z.string().min(1).optional(),
  /** The PEM private key of `tlsCertFile`. */
  tlsKeyFile: z.string().min(1).optional(),
  /**
   * Flux's multi-tenancy lockdown: no cross-namespace source references, impersonation of the
   * namespace's `default` ServiceAccount when none is named, and no fetch to loopback,
   * link-local or cloud-metadata addresses (remote kustomize bases stay refused, as always).
   */
  multiTenant: z.boolean().default(false),
  /**
   * Who may see and do what (`grants: [{role, users, groups, namespaces}]`, YAML); default
   * `<stateDir>/access.yaml`. Re-read when it changes. Without it only the admin token signs in.
   */
  accessPolicy: z.string().min(1).optional(),
  /** OpenID Connect sign-in (authorization code + PKCE); off unless an issuer and client id are given. */
  oidcIssuer: z.url({ protocol: /^https?$/ }).optional(),
  oidcClientId: z.string().min(1).max(256).optional(),
  /** From the environment only (TIDELINE_OIDC_CLIENT_SECRET): a flag would show in `ps`. */
  oidcClientSecret: z.string().min(1).max(1024).optional(),
  oidcScopes: z.string().min(1).max(512).default('openid email profile groups'),
  /** The ID token claim naming the user (Kubernetes' `--oidc-username-claim`; `email` by default here). */
  oidcUsernameClaim: z.string().min(1).max(128).default('email'),
  /** The ID token claim listing the user's groups (`--oidc-groups-claim`). */
  oidcGroupsClaim: z.string().min(1).max(128).default('groups'),
  oidcClockToleranceS: z.coerce.number().int().min(0).max(300).default(30),
  /** A dashboard session unused this long ends (a minute to a week; default 8 h). */
  sessionIdleTimeoutMs: z
    .number()
    .int()
    .min(60_000)
    .max(7 * 24 * 60 * 60_000)
    .default(8 * 60 * 60_000),
  /** Flux's `--log-level`: trace, debug, info, error. */
  logLevel: z.enum(['trace', 'debug', 'info', 'error']).default('info'),
  /** Flux's `--log-encoding`: JSON lines, or a human format for a terminal. */
  logFormat: z.enum(['json', 'console']).default('console'),
  /** Flux's `--metrics-addr` (`:8080`): `/metrics`, `/healthz`, `/readyz`; off when unset. */
  metricsAddr: z.string().min(1).optional(),
  /** Deadline for a graceful stop after SIGTERM (controller-runtime's default: 30 s). */
  shutdownTimeoutMs: z.number().int().min(0).default(30_000),
  /** Flux's `--watch-label-selector`: reconcile only the Flux objects it selects (sharding). */
  watchLabelSelector: z.string().min(1).optional(),
  /** Serve the dashboard (false: API, probes and metrics only; no web build needed). */
  dashboard: z.boolean().default(true),
});

/** Validated server configuration. */
export type Config = z.output<typeof ConfigSchema>;

/** Whether an address is loopback only (`localhost`, 127.0.0.0/8, ::1). Pure. */
export function isLoopbackHost(host: string): boolean {
  if (host.trim().toLowerCase() === 'localhost') return true;
  const ip = normalizeIp(host);
  return ip !== undefined && isLoopbackIp(ip);
}

/** A Go duration (`8h`, `90m`) from the environment, in ms; unset: undefined. */
function durationFromEnv(value: string | undefined, name: string): number | undefined {
  if (!value) return undefined;
  try {
    return parseDuration(value);
  } catch {
    throw new Error(`invalid configuration: ${name}: invalid duration "${value}"`);
  }
}

const list = (value: string | undefined): string[] | undefined =>
  value
    ?.split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/**
 * The one place configuration enters: flags win over environment variables
 * (TIDELINE_PORT, TIDELINE_HOST, TIDELINE_ADMIN_TOKEN, KUBECTL_BIN, HELM_BIN, TIDELINE_STATE_DIR,
 * TIDELINE_LOG_LEVEL, TIDELINE_LOG_FORMAT, TIDELINE_ALLOWED_HOSTS and TIDELINE_TRUSTED_PROXIES, both
 * comma-separated, TIDELINE_ACCESS_POLICY, TIDELINE_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET (environment
 * only), _SCOPES, _USERNAME_CLAIM, _GROUPS_CLAIM, TIDELINE_SESSION_IDLE_TIMEOUT (a duration, `8h`),
 * TIDELINE_TLS_CERT_FILE and TIDELINE_TLS_KEY_FILE). Without a certificate the server speaks plain
 * HTTP, so a non-loopback `host` is refused unless `insecureListen` says a TLS-terminating proxy (or
 * a trusted network) is in front: the admin token and session cookie would otherwise cross the
 * network in clear.
 */
export function loadConfig(flags: Partial<Record<keyof Config, unknown>>, env: NodeJS.ProcessEnv): Config {
  const pick = <T>(flag: T | undefined, value: string | undefined): T | string | undefined =>
    flag ?? (value || undefined);
  const result = ConfigSchema.safeParse({
    ...flags,
    host: pick(flags.host, env.TIDELINE_HOST),
    port: pick(flags.port, env.TIDELINE_PORT),
    adminToken: env.TIDELINE_ADMIN_TOKEN || undefined,
    stateDir: pick(flags.stateDir, env.TIDELINE_STATE_DIR),
    kubectlBin: pick(flags.kubectlBin, env.KUBECTL_BIN),
    helmBin: pick(flags.helmBin, env.HELM_BIN),
    allowedHosts: flags.allowedHosts ?? list(env.TIDELINE_ALLOWED_HOSTS),
    trustedProxies: flags.trustedProxies ?? list(env.TIDELINE_TRUSTED_PROXIES),
    tlsCertFile: pick(flags.tlsCertFile, env.TIDELINE_TLS_CERT_FILE),
    tlsKeyFile: pick(flags.tlsKeyFile, env.TIDELINE_TLS_KEY_FILE),
    accessPolicy: pick(flags.accessPolicy, env.TIDELINE_ACCESS_POLICY),
    oidcIssuer: pick(flags.oidcIssuer, env.TIDELINE_OIDC_ISSUER),
    oidcClientId: pick(flags.oidcClientId, env.TIDELINE_OIDC_CLIENT_ID),
    oidcClientSecret: env.TIDELINE_OIDC_CLIENT_SECRET || undefined,
    oidcScopes: pick(flags.oidcScopes, env.TIDELINE_OIDC_SCOPES),
    oidcUsernameClaim: pick(flags.oidcUsernameClaim, env.TIDELINE_OIDC_USERNAME_CLAIM),
    oidcGroupsClaim: pick(flags.oidcGroupsClaim, env.TIDELINE_OIDC_GROUPS_CLAIM),
    sessionIdleTimeoutMs:
      flags.sessionIdleTimeoutMs ??
      durationFromEnv(env.TIDELINE_SESSION_IDLE_TIMEOUT, 'TIDELINE_SESSION_IDLE_TIMEOUT'),
    logLevel: pick(flags.logLevel, env.TIDELINE_LOG_LEVEL),
    logFormat: pick(flags.logFormat, env.TIDELINE_LOG_FORMAT),
  });
  if (!result.success) {
    throw new Error(
      `invalid configuration: ${result.error.issues.map((i) => `${i.path.join('.') || 'value'}: ${i.message}`).join('; ')}`,
    );
  }
  if (Boolean(result.data.tlsCertFile) !== Boolean(result.data.tlsKeyFile))
    throw new Error('invalid configuration: serving TLS needs both --tls-cert-file and --tls-key-file');
  if (!result.data.tlsCertFile && !result.data.insecureListen && !isLoopbackHost(result.data.host)) {
    throw new Error(
      `refusing to listen on ${result.data.host} over plain HTTP: the admin token and session cookies would cross the network unencrypted. ` +
        'Give it a certificate (--tls-cert-file and --tls-key-file), or serve it behind a TLS-terminating reverse proxy and pass --insecure-listen (and --trusted-proxy <proxy address>), or keep the default 127.0.0.1.',
    );
  }
  if (Boolean(result.data.oidcIssuer) !== Boolean(result.data.oidcClientId))
    throw new Error('invalid configuration: OIDC sign-in needs both --oidc-issuer and --oidc-client-id');
  return {
    ...result.data,
    accessPolicy: result.data.accessPolicy ?? join(result.data.stateDir, 'access.yaml'),
  };
}

/** The OIDC settings of a configuration, when sign-in with a provider is on. Pure. */
export function oidcSettings(config: Config): OidcSettings | undefined {
  if (!config.oidcIssuer || !config.oidcClientId) return undefined;
  return {
    issuer: config.oidcIssuer,
    clientId: config.oidcClientId,
    clientSecret: config.oidcClientSecret,
    scopes: config.oidcScopes,
    usernameClaim: config.oidcUsernameClaim,
    groupsClaim: config.oidcGroupsClaim,
    clockToleranceS: config.oidcClockToleranceS,
  };
}
