import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import ssh2, { type AuthContext, type ServerChannel, type Connection } from 'ssh2';

import { killChildren } from '../processes.js';
import { ensureBareRepository } from '../git-server/bare-repository.js';
import { freePort } from '../ports.js';
import { parseGitSshCommand } from './ssh-command.js';
import { generateSshKeyPair, knownHostsLine } from './ssh-keys.js';

/** Options for {@link startGitSshServer}. */
export interface GitSshServerOptions {
  /** Folder holding the bare repositories (`<root>/<name>.git`), shared with the HTTP server. */
  root: string;
  /** Public keys (`authorized_keys` lines) allowed to log in, as any user name. */
  authorizedKeys: readonly string[];
  /** Host private key (OpenSSH format); a fresh ed25519 key when absent. */
  hostKey?: string;
  port?: number;
  host?: string;
  /** A git service still running after this long is killed; 5 minutes by default. */
  timeoutMs?: number;
}

/** A running SSH endpoint serving `git-upload-pack`/`git-receive-pack` on the sandbox repositories. */
export interface GitSshServer {
  /** `ssh://git@127.0.0.1:PORT`, no trailing slash. */
  url: string;
  port: number;
  /** The `known_hosts` line that verifies this server. */
  knownHosts: string;
  /** Makes (or reuses) a bare repository and returns its `ssh://` clone URL. */
  createRepository(name: string): Promise<string>;
  /** Closes the listener and connections and kills running git services; safe to call twice. */
  stop(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 5 * 60 * 1000;

type ParsedKey = ssh2.ParsedKey;

function parseAuthorizedKeys(lines: readonly string[]): ParsedKey[] {
  return lines.map((line) => {
    const key = ssh2.utils.parseKey(line);
    if (key instanceof Error) throw new Error(`invalid authorized key: ${key.message}`);
    return key;
  });
}

/** Public-key auth only: the offered key must be listed, and its signature must verify. */
function authenticate(ctx: AuthContext, allowed: readonly ParsedKey[]): void {
  if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
  const match = allowed.find((k) => k.type === ctx.key.algo && k.getPublicSSH().equals(ctx.key.data));
  if (!match) return ctx.reject(['publickey']);
  if (!ctx.signature) return ctx.accept(); // the client only asks whether this key would do
  if (match.verify(ctx.blob ?? Buffer.alloc(0), ctx.signature, ctx.hashAlgo) === true) return ctx.accept();
  ctx.reject(['publickey']);
}

/** Runs the git service for one `exec` request with argv only, piping the channel through it. */
function runService(
  channel: ServerChannel,
  command: string,
  root: string,
  env: NodeJS.ProcessEnv,
  children: Set<ChildProcess>,
  timeoutMs: number,
): void {
  const parsed = parseGitSshCommand(command);
  if (!parsed) {
    channel.stderr.write(`fatal: unsupported command\n`);
    channel.exit(128);
    channel.end();
    return;
  }
  const dir = join(root, `${parsed.repository}.git`);
  const subcommand = parsed.service === 'git-upload-pack' ? 'upload-pack' : 'receive-pack';
  const child = spawn('git', [subcommand, '--', dir], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  channel.pipe(child.stdin);
  child.stdout.pipe(channel, { end: false });
  child.stderr.pipe(channel.stderr, { end: false });
  child.stdin.on('error', () => undefined);
  child.on('error', () => undefined);
  child.on('close', (code) => {
    clearTimeout(timer);
    children.delete(child);
    channel.exit(code ?? 128);
    channel.end();
  });
}

/** One client: auth, then sessions whose `env GIT_PROTOCOL` and `exec` requests run git. */
function handleClient(
  client: Connection,
  allowed: readonly ParsedKey[],
  root: string,
  children: Set<ChildProcess>,
  timeoutMs: number,
): void {
  client.on('authentication', (ctx) => authenticate(ctx, allowed));
  client.on('error', () => undefined);
  client.on('session', (acceptSession) => {
    const session = acceptSession();
    const env: NodeJS.ProcessEnv = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: root,
    };
    session.on('env', (accept, reject, info) => {
      // Only protocol v2 negotiation is honoured; anything else a client sends is dropped.
      if (info.key === 'GIT_PROTOCOL' && /^[a-z0-9=:.]+$/i.test(info.val)) {
        env['GIT_PROTOCOL'] = info.val;
        accept?.();
      } else reject?.();
    });
    session.on('exec', (accept, _reject, info) =>
      runService(accept(), info.command, root, env, children, timeoutMs),
    );
    session.on('pty', (_accept, reject) => reject?.());
    session.on('shell', (_accept, reject) => reject());
    session.on('subsystem', (_accept, reject) => reject());
  });
}

/**
 * Starts an SSH server (the `ssh2` package, in this process) that only runs git's two transport
 * services, with argv, on the repositories under `root`: no shell, no other command, public-key
 * authentication against `authorizedKeys`.
 */
export async function startGitSshServer(options: GitSshServerOptions): Promise<GitSshServer> {
  const root = resolve(options.root);
  await mkdir(root, { recursive: true });
  const host = options.host ?? '127.0.0.1';
  const port = await freePort(options.port, host);
  const hostKey = options.hostKey ?? generateSshKeyPair('tideline-sandbox-host').privateKey;
  const parsedHostKey = ssh2.utils.parseKey(hostKey);
  if (parsedHostKey instanceof Error) throw new Error(`invalid host key: ${parsedHostKey.message}`);
  const allowed = parseAuthorizedKeys(options.authorizedKeys);
  const children = new Set<ChildProcess>();
  const clients = new Set<Connection>();
  const server = new ssh2.Server({ hostKeys: [hostKey] }, (client) => {
    clients.add(client);
    client.on('close', () => clients.delete(client));
    handleClient(client, allowed, root, children, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const publicKey = parsedHostKey.getPublicSSH().toString('base64');
  const url = `ssh://git@${host.includes(':') ? `[${host}]` : host}:${port}`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    port,
    knownHosts: knownHostsLine(host, port, `${parsedHostKey.type} ${publicKey}`),
    createRepository: async (name) => `${url}/${await ensureBareRepository(root, name)}.git`,
    stop: () => (stopped ??= stopSshServer(server, clients, children)),
  };
}

async function stopSshServer(
  server: ssh2.Server,
  clients: Set<Connection>,
  children: Set<ChildProcess>,
): Promise<void> {
  const closed = new Promise<void>((resolveClose) => server.close(() => resolveClose()));
  for (const client of clients) client.end();
  await killChildren(children);
  await closed;
}
