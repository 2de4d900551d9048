// Builds (once per machine, cached outside the repo) the sandbox's Kubernetes control plane.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const KUBERNETES_CACHE = join(homedir(), '.cache', 'tideline', 'k8s-v1.20.2');

/** Returns true when the binaries are available afterwards. */
export function ensureKubernetes(repoRoot, log = console.log) {
  const bins = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((b) =>
    join(KUBERNETES_CACHE, 'bin', b),
  );
  if (bins.every((b) => existsSync(b))) return true;
  log(`› building the Kubernetes v1.20.2 control plane (first time on this machine: ~5 minutes)`);
  const script = join(repoRoot, 'packages', 'sandbox', 'scripts', 'build-kubernetes.sh');
  const res = spawnSync('bash', [script, KUBERNETES_CACHE], { stdio: 'inherit' });
  if (res.status !== 0) {
    log(
      `✗ the control plane could not be built (log above). Use --kubeconfig PATH to point Tideline at an existing cluster.`,
    );
    return false;
  }
  return true;
}
