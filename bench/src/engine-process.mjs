// The engine alone in its own process (plain JS, no transpiler), so the benchmark measures its
// memory and nothing else. argv: <kubeconfig> <storageDir> <kubectlBin> [concurrency] [helmBin].
// Prints `ready` once started; stops on SIGTERM.
import { createEngine } from '@tideline/core';

const [kubeconfigPath, storageDir, kubectlBin, concurrency, helmBin] = process.argv.slice(2);
if (!kubeconfigPath || !storageDir || !kubectlBin)
  throw new Error('usage: engine-process <kubeconfig> <storageDir> <kubectlBin> [concurrency] [helmBin]');
const engine = await createEngine({
  kubeconfigPath,
  storageDir,
  kubectlBin,
  helmBin,
  concurrency: Number(concurrency ?? 4),
});
process.stdout.write('ready\n');
process.once('SIGTERM', () => {
  void engine.stop().then(() => process.exit(0));
});
