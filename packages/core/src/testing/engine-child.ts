// An engine in its own process, for tests that kill one with SIGKILL (leader election).
// argv: <kubeconfig> <storageDir> <kubectlBin> <identity>. Prints one JSON line per state change:
// {"identity": …, "phase": …}. Stops gracefully on SIGTERM.
import { createEngine } from '../engine.js';

const [kubeconfigPath, storageDir, kubectlBin, identity] = process.argv.slice(2);
if (!kubeconfigPath || !storageDir || !kubectlBin || !identity) {
  throw new Error('usage: engine-child <kubeconfig> <storageDir> <kubectlBin> <identity>');
}
const engine = await createEngine({
  kubeconfigPath,
  storageDir,
  kubectlBin,
  kustomization: { healthCheckIntervalMs: 500, stageWaitIntervalMs: 500 },
  coordination: {
    identity,
    onState: (state) => process.stdout.write(`${JSON.stringify({ identity, phase: state.phase })}\n`),
  },
});
process.stdout.write(`${JSON.stringify({ identity, phase: engine.state().phase, started: true })}\n`);
process.once('SIGTERM', () => void engine.stop().then(() => process.exit(0)));
