import { homedir } from 'node:os';
import { join } from 'node:path';

/** The sandbox's default data dir: state that survives restarts (etcd, repos, registry). */
export function defaultSandboxDir(): string {
  return join(homedir(), '.local', 'share', 'tideline', 'sandbox');
}
