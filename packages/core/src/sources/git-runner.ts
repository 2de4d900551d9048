import { ProcessTimeoutError, runProcess, type RunResult } from '../render/subprocess.js';
import { credentialSecrets, gitAuthEnvironment, redactSecrets, redactUrl, type GitCredentials } from './git-auth.js';

/** What went wrong in a git operation, for choosing a condition reason. */
export type GitErrorKind = 'not-found' | 'empty' | 'auth' | 'failed';

/** Raised for failed git operations; the message reads like Flux's and never holds credentials. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly kind: GitErrorKind,
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
}

/**
 * git runs with no terminal prompts, no system/global config, and only network transports,
 * so a repository URL cannot make it run local programs (`ext::`) or read local files.
 */
function gitEnv(url: string | undefined, credentials: GitCredentials | undefined): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: '/bin/false',
    LC_ALL: 'C',
    ...(url ? gitAuthEnvironment(url, credentials) : {}),
  };
}

const SAFE_CONFIG = [
  '-c', 'protocol.allow=never',
  '-c', 'protocol.http.allow=always',
  '-c', 'protocol.https.allow=always',
  '-c', 'protocol.ssh.allow=always',
  '-c', 'core.symlinks=true',
  '-c', 'advice.detachedHead=false',
  '-c', 'init.defaultBranch=main',
  '-c', 'credential.helper=',
];

/** Last meaningful line of git's stderr, without the `fatal: ` prefix. */
export function gitFailureText(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const fatal = lines.filter((l) => l.startsWith('fatal:') || l.startsWith('error:')).pop() ?? lines.pop() ?? 'unknown error';
  return fatal.replace(/^(fatal|error):\s*/, '');
}

const AUTH_FAILURE = /authentication failed|could not read (username|password)|\b401\b|\b403\b|unable to read askpass/i;

/** What a git operation that outlived `spec.timeout` reports, in Go's words. */
export const GIT_DEADLINE_EXCEEDED = 'context deadline exceeded';

/** Runs git; `remote` (when it talks to one) scopes the credentials and is redacted in errors. */
export async function runGit(args: string[], options: GitOptions & { cwd?: string; remote?: string }): Promise<string> {
  let res: RunResult;
  try {
    res = await runProcess(options.gitBin ?? 'git', [...SAFE_CONFIG, ...args], {
      cwd: options.cwd,
      env: gitEnv(options.remote, options.credentials),
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
  if (AUTH_FAILURE.test(res.stderr)) throw new GitError('authentication required', 'auth');
  const text = redactSecrets(gitFailureText(res.stderr), credentialSecrets(options.credentials));
  throw new GitError(options.remote ? text.split(options.remote).join(redactUrl(options.remote)) : text, 'failed');
}

/** Wraps a failure as Flux words it: `unable to clone '<url>': <cause>`. */
export function cloneError(url: string, error: unknown): GitError {
  const message = error instanceof Error ? error.message : String(error);
  const kind = error instanceof GitError ? error.kind : 'failed';
  return new GitError(`unable to clone '${redactUrl(url)}': ${message}`, kind);
}

