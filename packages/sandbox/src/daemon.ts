/**
 * Entry point of a detached sandbox (`tideline sandbox up`): starts every peer, publishes
 * `<dir>/sandbox.json`, and stops everything on SIGTERM/SIGINT. Children die with it
 * (pdeathsig), so even a SIGKILL of this process leaves no orphans.
 */
import { parseArgs } from 'node:util';
import { startSandbox } from './sandbox.js';
import { clearState, writeState } from './state.js';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { dir: { type: 'string' } } });
  const dir = values.dir;
  if (!dir) throw new Error('--dir is required');
  const log = (line: string): void => console.log(`${new Date().toISOString()} ${line}`);
  const sandbox = await startSandbox({ dir, onProgress: log });
  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log(`received ${signal}, stopping`);
    await sandbox.stop();
    clearState(dir);
    log('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  writeState(dir, {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    kubeconfigPath: sandbox.kubeconfigPath,
    gitUrl: sandbox.gitUrl,
    gitSshUrl: sandbox.gitSsh.url,
    chartRepoUrl: sandbox.chartRepoUrl,
    registryHost: sandbox.registryHost,
    webhookSinkUrl: sandbox.webhookSink.url,
    childPids: sandbox.childPids(),
  });
  log(`ready: kubeconfig ${sandbox.kubeconfigPath}`);
}

main().catch((error: unknown) => {
  console.error(`sandbox failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
