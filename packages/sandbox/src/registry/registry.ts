import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { freePort } from '../ports.js';
import type { ManagedProcess, ProcessSupervisor } from '../processes.js';
import { waitFor } from '../wait.js';
import { htpasswdLine } from './htpasswd.js';
import { registryConfigYaml } from './registry-config.js';
import type { RegistryCredentials } from './registry-http.js';

/** Options for {@link startRegistry}. */
export interface RegistryOptions {
  /** Holds the config, the htpasswd file and the storage; reused across restarts. */
  dataDir: string;
  /** Preferred port; another free one is used when it is taken. */
  port?: number;
  /** When set, the registry requires these basic-auth credentials. */
  htpasswd?: RegistryCredentials;
  supervisor: ProcessSupervisor;
  /** The registry's stdout and stderr are appended here. */
  logFile: string;
  /** Defaults to Debian's `/usr/bin/docker-registry` (CNCF distribution 2.8.2). */
  registryBin?: string;
  readyTimeoutMs?: number;
}

/** A running OCI registry (plain HTTP on loopback). */
export interface Registry {
  /** `127.0.0.1:PORT`, as image references use it. */
  host: string;
  port: number;
  pid: number;
  /** Stops the registry process (SIGTERM, then SIGKILL); safe to call twice. */
  stop(): Promise<void>;
}

const DEFAULT_BIN = '/usr/bin/docker-registry';
const STOP_GRACE_MS = 5000;

/** Starts `docker-registry serve` under the supervisor and waits until `GET /v2/` answers. */
export async function startRegistry(options: RegistryOptions): Promise<Registry> {
  const dataDir = resolve(options.dataDir);
  await mkdir(join(dataDir, 'storage'), { recursive: true });
  const port = await freePort(options.port);
  const host = `127.0.0.1:${port}`;
  const configPath = join(dataDir, 'config.yml');
  const htpasswdPath = options.htpasswd ? join(dataDir, 'htpasswd') : undefined;
  if (options.htpasswd && htpasswdPath) {
    const line = await htpasswdLine(options.htpasswd.username, options.htpasswd.password);
    await writeFile(htpasswdPath, `${line}\n`, { mode: 0o600 });
  }
  const config = registryConfigYaml({
    storageDir: join(dataDir, 'storage'),
    addr: host,
    httpSecret: await stableSecret(dataDir),
    ...(htpasswdPath ? { htpasswdPath } : {}),
  });
  await writeFile(configPath, config, { mode: 0o600 });
  const child = await options.supervisor.start({
    name: 'docker-registry',
    command: options.registryBin ?? DEFAULT_BIN,
    args: ['serve', configPath],
    logFile: options.logFile,
  });
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopped ??= stopProcess(child));
  try {
    await waitUntilServing(host, child, options);
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, port, pid: child.pid, stop };
}

async function waitUntilServing(
  host: string,
  child: ManagedProcess,
  options: RegistryOptions,
): Promise<void> {
  const ready = options.htpasswd ? [401] : [200];
  const exited = child.exited.then(async (code) => {
    const log = await readFile(options.logFile, 'utf8').catch(() => '');
    throw new Error(`docker-registry exited (code ${code}) before serving; log tail:\n${log.slice(-2000)}`);
  });
  const serving = waitFor(
    async () => {
      const response = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(2000) });
      await response.body?.cancel();
      const isRegistry = response.headers.get('docker-distribution-api-version') === 'registry/2.0';
      return isRegistry && ready.includes(response.status);
    },
    { timeoutMs: options.readyTimeoutMs ?? 30_000, intervalMs: 100, what: `docker-registry on ${host}` },
  );
  // Whichever settles first wins; the loser's rejection is handled so it is never reported as unhandled.
  exited.catch(() => undefined);
  await Promise.race([serving, exited]);
}

/** The registry's http.secret, kept in the data dir so restarts keep accepting upload state. */
async function stableSecret(dataDir: string): Promise<string> {
  const path = join(dataDir, 'http-secret');
  if (existsSync(path)) return (await readFile(path, 'utf8')).trim();
  const secret = randomBytes(32).toString('hex');
  await writeFile(path, `${secret}\n`, { mode: 0o600 });
  return secret;
}

async function stopProcess(child: ManagedProcess): Promise<void> {
  if (child.child.exitCode !== null || child.child.signalCode !== null) return;
  child.child.kill('SIGTERM');
  const timer = setTimeout(() => child.child.kill('SIGKILL'), STOP_GRACE_MS);
  await child.exited;
  clearTimeout(timer);
}
