import { ProcessTimeoutError, runProcess, type RunResult } from '../render/subprocess.js';
import {
  credentialSecrets,
  httpAuthConfig,
  redactSecrets,
  redactUrl,
  type GitCredentials,
} from './git-auth.js';
import { AddressRefusedError, type AddressPolicy } from './address-policy.js';
import { gitAddressPins } from './git-address-pin.js';
import { gitConfigEnvironment, type GitConfigEntry } from './git-config-env.js';
import { sshFailure, tlsFailure, type TransportFailure } from './git-transport-errors.js';
import type { GitTransportSettings } from './git-transport.js';

/** What went wrong in a git operation, for choosing a condition reason. */
export type GitErrorKind = 'not-found' | 'empty' | 'auth' | 'auth-method' | 'failed';

/** Raised for failed git operations; the message reads like Flux's and never holds credentials. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly kind: GitErrorKind,
    /** git's whole stderr, credentials redacted (for callers that read more than the last line). */
    readonly output?: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** Options shared by git operations. */
export interface GitOptions {
  gitBin?: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** HTTP credentials, sent as a header scoped to the remote URL (never in argv or the URL). */
  credentials?: GitCredentials;
  /** SSH identity or TLS files prepared by `prepareGitTransport` (config and env, never argv). */
  transport?: GitTransportSettings;
  /** Commit signing prepared by `prepareCommitSigner` (config and env, never argv). */
  signing?: Pick<GitTransportSettings, 'config' | 'env' | 'secrets'>;
  /** Destinations git may not reach: checked before it runs, HTTP(S) pinned (`git-address-pin.ts`). */
  addressPolicy?: AddressPolicy;
}

/** Every string that must not appear in a message about these options. Pure. */
export function gitSecrets(options: GitOptions): string[] {
  return [
    ...credentialSecrets(options.credentials),
    ...(options.transport?.secrets ?? []),
    ...(options.signing?.secrets ?? []),
  ];
}

/**
 * git runs with no terminal prompts, no system/global config, and only network transports,
 * so a repository URL cannot make it run local programs (`ext::`) or read local files.
 */
function gitEnv(
  url: string | undefined,
  options: GitOptions,
  pins: readonly GitConfigEntry[],
): NodeJS.ProcessEnv {
  const config = [
    ...(url ? httpAuthConfig(url, options.credentials) : []),
    ...(options.transport?.config ?? []),
    ...(options.signing?.config ?? []),
    ...pins,
  ];
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: '/bin/false',
    LC_ALL: 'C',
    ...gitConfigEnvironment(config),
    ...options.transport?.env,
    ...options.signing?.env,
  };
}

const SAFE_CONFIG = [
  '-c',
  'protocol.allow=never',
  '-c',
  'protocol.http.allow=always',
  '-c',
  'protocol.https.allow=always',
  '-c',
  'protocol.ssh.allow=always',
  '-c',
  'core.symlinks=true',
  '-c',
  'advice.detachedHead=false',
  '-c',
  'init.defaultBranch=main',
  '-c',
  'credential.helper=',
];

/** Last meaningful line of git's stderr, without the `fatal: ` prefix. */
export function gitFailureText(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const fatal =
    lines.filter((l) => l.startsWith('fatal:') || l.startsWith('error:')).pop() ??
    lines.pop() ??
    'unknown error';
  return fatal.replace(/^(fatal|error):\s*/, '');
}

const AUTH_FAILURE =
  /authentication failed|could not read (username|password)|\b401\b|\b403\b|unable to read askpass/i;

/** What a git operation that outlived `spec.timeout` reports, in Go's words. */
export const GIT_DEADLINE_EXCEEDED = 'context deadline exceeded';

/** The transport's own failure (host key, key file, TLS), reworded as Flux words it. */
function transportFailure(
  stderr: string,
  options: GitOptions & { remote?: string },
): TransportFailure | undefined {
  if (options.transport?.kind === 'ssh') return sshFailure(stderr);
  return options.remote?.startsWith('https://') ? tlsFailure(stderr, options.remote) : undefined;
}

/** The config that keeps git within the address policy for the URLs it will contact. */
async function addressPins(options: GitOptions & RunGitTarget): Promise<GitConfigEntry[]> {
  const contacts = options.contacts ?? (options.remote ? [options.remote] : []);
  if (!options.addressPolicy || contacts.length === 0) return [];
  try {
    return await gitAddressPins(contacts, options.addressPolicy);
  } catch (error) {
    if (error instanceof AddressRefusedError) throw new GitError(error.message, 'failed');
    throw error;
  }
}

/** Where a git command runs and whom it talks to. */
export interface RunGitTarget {
  cwd?: string;
  /** The remote it talks to: scopes the credentials, is redacted in errors. */
  remote?: string;
  /** Every URL it will contact, when not just `remote` (submodules): all checked by the address policy. */
  contacts?: readonly string[];
}

/** Runs git; `remote` (when it talks to one) scopes the credentials and is redacted in errors. */
export async function runGit(args: string[], options: GitOptions & RunGitTarget): Promise<string> {
  const pins = await addressPins(options);
  let res: RunResult;
  try {
    res = await runProcess(options.gitBin ?? 'git', [...SAFE_CONFIG, ...args], {
      cwd: options.cwd,
      env: gitEnv(options.remote, options, pins),
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      maxStdoutBytes: 16 * 1024 * 1024,
    });
  } catch (error) {
    // `spec.timeout` ran out: Flux's go-git sees its context expire and says so.
    if (error instanceof ProcessTimeoutError) throw new GitError(GIT_DEADLINE_EXCEEDED, 'failed');
    throw error;
  }
  if (res.code === 0) return res.stdout;
  const transport = transportFailure(res.stderr, options);
  if (transport?.authMethod)
    throw new GitError(`unable to construct auth method with options: ${transport.message}`, 'auth-method');
  if (transport) throw new GitError(transport.message, 'failed');
  if (AUTH_FAILURE.test(res.stderr)) throw new GitError('authentication required', 'auth');
  const redact = (t: string): string => {
    const safe = redactSecrets(t, gitSecrets(options));
    return options.remote ? safe.split(options.remote).join(redactUrl(options.remote)) : safe;
  };
  throw new GitError(redact(gitFailureText(res.stderr)), 'failed', redact(res.stderr));
}

/** Wraps a failure as Flux words it: `unable to clone '<url>': <cause>`. */
export function cloneError(url: string, error: unknown): GitError {
  // As go-git: a key that cannot be used fails before any clone is attempted.
  if (error instanceof GitError && error.kind === 'auth-method') return error;
  const message = error instanceof Error ? error.message : String(error);
  const kind = error instanceof GitError ? error.kind : 'failed';
  return new GitError(`unable to clone '${redactUrl(url)}': ${message}`, kind);
}
