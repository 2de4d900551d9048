import { parseArgs } from 'node:util';
import { isLoopbackHost, loadConfig } from '../config.js';
import { startTideline } from '../main.js';

/**
 * `tideline start [--kubeconfig PATH] [--port N] [--host H] [--observe] [--sandbox-dir D] [--state-dir D]
 * [--allowed-host NAME]... [--trusted-proxy IP]... [--insecure-listen] [--multi-tenant]`.
 */
export async function runStartCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      kubeconfig: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      observe: { type: 'boolean' },
      'sandbox-dir': { type: 'string' },
      'state-dir': { type: 'string' },
      'no-demo': { type: 'boolean' },
      'allowed-host': { type: 'string', multiple: true },
      'trusted-proxy': { type: 'string', multiple: true },
      'insecure-listen': { type: 'boolean' },
      'multi-tenant': { type: 'boolean' },
    },
  });
  const config = loadConfig(
    {
      kubeconfig: values.kubeconfig,
      port: values.port,
      host: values.host,
      observe: values.observe,
      sandboxDir: values['sandbox-dir'],
      stateDir: values['state-dir'],
      demo: values['no-demo'] ? false : undefined,
      allowedHosts: values['allowed-host'],
      trustedProxies: values['trusted-proxy'],
      insecureListen: values['insecure-listen'],
      multiTenant: values['multi-tenant'],
    },
    process.env,
  );
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
  if (!isLoopbackHost(config.host)) log(insecureListenWarning(config.host));
  const tideline = await startTideline(config, log);
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
  lines.push('  Press Ctrl-C to stop.', '');
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    const shutdown = (): void => {
      log('► stopping');
      void tideline.stop().then(resolve);
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  return 0;
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
