import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { startTideline } from '../main.js';

/** `tideline start [--kubeconfig PATH] [--port N] [--host H] [--observe] [--sandbox-dir D] [--state-dir D]`. */
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
    },
    process.env,
  );
  const log = (line: string): void => void process.stderr.write(`${line}\n`);
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
