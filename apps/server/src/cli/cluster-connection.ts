import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, Resources } from '@tideline/core';
import { defaultSandboxDir, sandboxStatus } from '@tideline/sandbox';

/**
 * The kubeconfig the CLI uses, as the flux CLI would: `--kubeconfig`, else `KUBECONFIG`, else
 * the running sandbox's, else `~/.kube/config`.
 */
export function resolveKubeconfig(flag: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (flag) return flag;
  if (env.KUBECONFIG) return env.KUBECONFIG.split(':')[0];
  const sandbox = sandboxStatus(defaultSandboxDir());
  if (sandbox.running && sandbox.state) return sandbox.state.kubeconfigPath;
  const home = join(homedir(), '.kube', 'config');
  return existsSync(home) ? home : undefined;
}

/** A typed client for the resolved cluster. */
export async function connect(flag: string | undefined): Promise<Resources> {
  const path = resolveKubeconfig(flag, process.env);
  if (!path)
    throw new Error(
      'no cluster: pass --kubeconfig, set KUBECONFIG, or start the sandbox (tideline sandbox up)',
    );
  return new Resources(await KubeClient.fromKubeconfig(path));
}
