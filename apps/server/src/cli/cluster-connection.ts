import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, Resources } from '@tideline/core';
import { defaultSandboxDir, sandboxStatus } from '@tideline/sandbox';
import { CliError } from './cli-error.js';

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

/** The Kubernetes version `GET /version` answers. */
export interface ServerVersion {
  gitVersion: string;
  major?: string;
  minor?: string;
}

/** Network error codes that mean "the API server cannot be reached". */
const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EPIPE',
]);

/** One line for an error reaching the API server, or undefined when it is something else. Pure. */
export function unreachableLine(server: string, error: unknown): string | undefined {
  const code = (error as { code?: string; cause?: { code?: string } }).code;
  const message = error instanceof Error ? error.message : String(error);
  if ((code && UNREACHABLE.has(code)) || message.startsWith('timeout: GET /version'))
    return `cannot reach the Kubernetes API server at ${server}: ${code ?? 'no answer'}`;
  if (
    /certificate|self[- ]signed|CERT_|SSL/i.test(message) ||
    code?.startsWith('ERR_TLS') ||
    code?.includes('CERT')
  )
    return `TLS handshake with ${server} failed: ${message}`;
  return undefined;
}

/** A connected cluster: its client and what `GET /version` said. */
export interface Cluster {
  resources: Resources;
  server: string;
  version: ServerVersion;
}

/**
 * Loads the kubeconfig (one clear line when it is missing, unreadable or lacks the context),
 * and asks the API server for its version with a short deadline, so a cluster that is down
 * fails here in seconds with one line instead of deep inside a command.
 */
export async function connectCluster(options: {
  kubeconfig?: string;
  context?: string;
  probeTimeoutMs?: number;
}): Promise<Cluster> {
  const path = resolveKubeconfig(options.kubeconfig, process.env);
  if (!path)
    throw new CliError(
      'no cluster: pass --kubeconfig, set KUBECONFIG, or start the sandbox (tideline sandbox up)',
    );
  if (!existsSync(path)) throw new CliError(`kubeconfig ${path} not found`);
  let client: KubeClient;
  try {
    client = await KubeClient.fromKubeconfig(path, { context: options.context });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new CliError(`invalid kubeconfig ${path}: ${message}`);
  }
  let version: ServerVersion;
  try {
    version = await client.request<ServerVersion>({
      method: 'GET',
      path: '/version',
      timeoutMs: options.probeTimeoutMs ?? 10_000,
    });
  } catch (error) {
    const line = unreachableLine(client.server, error);
    if (line) throw new CliError(line);
    throw error;
  }
  return { resources: new Resources(client), server: client.server, version };
}
