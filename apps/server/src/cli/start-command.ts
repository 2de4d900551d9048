import { isLoopbackHost, loadConfig } from '../config.js';
import { loadTlsPair } from '../http/tls-files.js';
import { startTideline } from '../main.js';
import { createServerLogger } from '../logging/server-logger.js';
import { durationFlag, listFlag, stringFlag, type CliCommand, type FlagValues } from './command.js';
import { stopWithDeadline } from './graceful-stop.js';

/** `tideline start`: the engine, API and dashboard. */
export const startCommand: CliCommand = {
  path: ['start'],
  args: '',
  summary: 'Start the engine, API and dashboard (on the embedded sandbox unless --kubeconfig is given)',
  description:
    'A non-loopback --host needs a certificate (--tls-cert-file, --tls-key-file) or --insecure-listen with a TLS-terminating proxy in front.',
  flags: [
    {
      name: 'kubeconfig',
      type: 'string',
      value: 'PATH',
      description: 'the cluster to reconcile (default: the embedded sandbox)',
    },
    { name: 'port', type: 'string', value: 'N', description: 'HTTP port (default 3000, or $TIDELINE_PORT)' },
    {
      name: 'host',
      type: 'string',
      value: 'H',
      description: 'address to listen on (default 127.0.0.1, or $TIDELINE_HOST)',
    },
    {
      name: 'observe',
      type: 'boolean',
      description: 'run no engine: watch and act on a cluster another reconciler runs',
    },
    { name: 'sandbox-dir', type: 'string', value: 'DIR', description: 'where the embedded sandbox lives' },
    {
      name: 'state-dir',
      type: 'string',
      value: 'DIR',
      description: 'token hash, sessions, throttle, artifacts',
    },
    { name: 'no-demo', type: 'boolean', description: 'do not set up the demo repository' },
    {
      name: 'allowed-host',
      type: 'string',
      multiple: true,
      value: 'NAME',
      description: 'another Host header to answer',
    },
    {
      name: 'trusted-proxy',
      type: 'string',
      multiple: true,
      value: 'IP',
      description: 'a reverse proxy whose X-Forwarded-* to believe',
    },
    { name: 'insecure-listen', type: 'boolean', description: 'allow plain HTTP on a non-loopback --host' },
    {
      name: 'tls-cert-file',
      type: 'string',
      value: 'FILE',
      description: 'serve HTTPS with this PEM certificate, re-read on change (or $TIDELINE_TLS_CERT_FILE)',
    },
    {
      name: 'tls-key-file',
      type: 'string',
      value: 'FILE',
      description: "the certificate's PEM private key (or $TIDELINE_TLS_KEY_FILE)",
    },
    {
      name: 'access-policy',
      type: 'string',
      value: 'FILE',
      description: 'who may see and do what (default <state-dir>/access.yaml)',
    },
    { name: 'oidc-issuer', type: 'string', value: 'URL', description: 'sign in with this OpenID provider' },
    {
      name: 'oidc-client-id',
      type: 'string',
      value: 'ID',
      description: "Tideline's client id there (secret: $TIDELINE_OIDC_CLIENT_SECRET)",
    },
    {
      name: 'oidc-scopes',
      type: 'string',
      value: 'LIST',
      description: "scopes asked for (default 'openid email profile groups')",
    },
    {
      name: 'oidc-username-claim',
      type: 'string',
      value: 'CLAIM',
      description: 'the ID token claim naming the user (default email)',
    },
    {
      name: 'oidc-groups-claim',
      type: 'string',
      value: 'CLAIM',
      description: "the ID token claim listing the user's groups (default groups)",
    },
    {
      name: 'session-idle-timeout',
      type: 'string',
      value: 'DURATION',
      description: 'end a dashboard session unused this long (default 8h, or $TIDELINE_SESSION_IDLE_TIMEOUT)',
    },
    {
      name: 'multi-tenant',
      type: 'boolean',
      description: "Flux's multi-tenancy lockdown and the address policy",
    },
    {
      name: 'log-level',
      type: 'string',
      value: 'LEVEL',
      description: 'trace, debug, info (default) or error (or $TIDELINE_LOG_LEVEL)',
    },
    {
      name: 'log-format',
      type: 'string',
      value: 'FORMAT',
      description: "console (default) or json, as Flux's controllers write (or $TIDELINE_LOG_FORMAT)",
    },
    {
      name: 'metrics-addr',
      type: 'string',
      value: 'ADDR',
      description: 'serve /metrics, /healthz and /readyz on this address, e.g. :8080 (default: off)',
    },
    {
      name: 'shutdown-timeout',
      type: 'string',
      value: 'DURATION',
      description: 'how long a graceful stop may take after SIGTERM before the process exits (default 30s)',
    },
    {
      name: 'watch-label-selector',
      type: 'string',
      value: 'SELECTOR',
      description:
        "reconcile only the Flux objects it selects (sharding, e.g. 'sharding.fluxcd.io/key in (shard1)')",
    },
    {
      name: 'no-dashboard',
      type: 'boolean',
      description: 'serve the API, probes and metrics without the web app',
    },
  ],
  run: (ctx) => runStart(ctx.flags),
};

/** Starts Tideline with the parsed flags and runs until SIGINT/SIGTERM. */
async function runStart(values: FlagValues): Promise<number> {
  const list = (name: string): string[] | undefined =>
    values[name] === undefined ? undefined : listFlag(values, name);
  const config = loadConfig(
    {
      kubeconfig: stringFlag(values, 'kubeconfig'),
      port: stringFlag(values, 'port'),
      host: stringFlag(values, 'host'),
      observe: values.observe === true ? true : undefined,
      sandboxDir: stringFlag(values, 'sandbox-dir'),
      stateDir: stringFlag(values, 'state-dir'),
      demo: values['no-demo'] === true ? false : undefined,
      allowedHosts: list('allowed-host'),
      trustedProxies: list('trusted-proxy'),
      insecureListen: values['insecure-listen'] === true ? true : undefined,
      tlsCertFile: stringFlag(values, 'tls-cert-file'),
      tlsKeyFile: stringFlag(values, 'tls-key-file'),
      multiTenant: values['multi-tenant'] === true ? true : undefined,
      accessPolicy: stringFlag(values, 'access-policy'),
      oidcIssuer: stringFlag(values, 'oidc-issuer'),
      oidcClientId: stringFlag(values, 'oidc-client-id'),
      oidcScopes: stringFlag(values, 'oidc-scopes'),
      oidcUsernameClaim: stringFlag(values, 'oidc-username-claim'),
      oidcGroupsClaim: stringFlag(values, 'oidc-groups-claim'),
      sessionIdleTimeoutMs:
        values['session-idle-timeout'] === undefined
          ? undefined
          : durationFlag(values, 'session-idle-timeout', '8h'),
      logLevel: stringFlag(values, 'log-level'),
      logFormat: stringFlag(values, 'log-format'),
      metricsAddr: stringFlag(values, 'metrics-addr'),
      shutdownTimeoutMs: durationFlag(values, 'shutdown-timeout', '30s'),
      watchLabelSelector: stringFlag(values, 'watch-label-selector'),
      dashboard: values['no-dashboard'] === true ? false : undefined,
    },
    process.env,
  );
  const logger = createServerLogger({
    level: config.logLevel,
    format: config.logFormat,
    write: (line) => void process.stderr.write(`${line}\n`),
  });
  const log = logger.line;
  // A broken pair fails here, before the cluster and the web build are touched.
  if (config.tlsCertFile && config.tlsKeyFile)
    loadTlsPair({ certFile: config.tlsCertFile, keyFile: config.tlsKeyFile });
  else if (!isLoopbackHost(config.host)) log(insecureListenWarning(config.host));
  const tideline = await startTideline(config, logger);
  const lines = ['', `✔ Tideline is running: ${tideline.url}`];
  if (tideline.generatedToken) {
    lines.push(
      `  Log in with this admin token (shown once; only its hash is stored):`,
      `    ${tideline.generatedToken}`,
    );
  } else if (config.adminToken) {
    lines.push('  Log in with the token in TIDELINE_ADMIN_TOKEN.');
  } else {
    lines.push(
      `  Log in with the admin token printed on the first start (reset: delete ${config.stateDir}/admin-token.json).`,
    );
  }
  if (tideline.demoRepositoryUrl) lines.push(`  Demo repository: git clone ${tideline.demoRepositoryUrl}`);
  if (tideline.kubeconfigPath)
    lines.push(`  kubectl --kubeconfig ${tideline.kubeconfigPath} get kustomizations -A`);
  if (tideline.metricsUrl)
    lines.push(`  Metrics and probes: ${tideline.metricsUrl}/metrics, /healthz, /readyz`);
  lines.push('  Press Ctrl-C to stop.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
  return stopWithDeadline(tideline, config.shutdownTimeoutMs, log);
}

/** The loud warning printed when `--insecure-listen` opens a non-loopback address over plain HTTP. */
export function insecureListenWarning(host: string): string {
  return [
    '',
    '⚠ ────────────────────────────────────────────────────────────────────────────',
    `⚠  --insecure-listen: serving plain HTTP on ${host}, reachable from the network.`,
    '⚠  The admin token and session cookies travel unencrypted unless a TLS-terminating',
    '⚠  reverse proxy is in front; pass its address with --trusted-proxy so throttling',
    '⚠  sees real clients and cookies are marked Secure.',
    '⚠ ────────────────────────────────────────────────────────────────────────────',
    '',
  ].join('\n');
}
