import { runProcess } from '../render/subprocess.js';

/** Raised for failed git operations; the message reads like Flux's. */
export class GitError extends Error {
  constructor(
    message: string,
    readonly kind: 'not-found' | 'empty' | 'auth' | 'failed',
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
}

/**
 * git runs with no terminal prompts, no system/global config, and only network transports,
 * so a repository URL cannot make it run local programs (`ext::`) or read local files.
 */
function gitEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/tmp',
    GIT_TERMINAL_PROMPT: '0',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ASKPASS: '/bin/false',
    LC_ALL: 'C',
  };
}

const SAFE_CONFIG = [
  '-c', 'protocol.allow=never',
  '-c', 'protocol.http.allow=always',
  '-c', 'protocol.https.allow=always',
  '-c', 'protocol.ssh.allow=always',
  '-c', 'core.symlinks=true',
  '-c', 'advice.detachedHead=false',
];

/** Last meaningful line of git's stderr, without the `fatal: ` prefix. */
export function gitFailureText(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const fatal = lines.filter((l) => l.startsWith('fatal:') || l.startsWith('error:')).pop() ?? lines.pop() ?? 'unknown error';
  return fatal.replace(/^(fatal|error):\s*/, '');
}

async function git(args: string[], options: GitOptions & { cwd?: string }): Promise<string> {
  const res = await runProcess(options.gitBin ?? 'git', [...SAFE_CONFIG, ...args], {
    cwd: options.cwd,
    env: gitEnv(),
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    maxStdoutBytes: 16 * 1024 * 1024,
  });
  if (res.code !== 0) {
    const text = gitFailureText(res.stderr);
    const kind = /authentication failed|401|403|could not read Username/i.test(res.stderr) ? 'auth' : 'failed';
    throw new GitError(text, kind);
  }
  return res.stdout;
}

/**
 * The commit a branch points to on the remote (`git ls-remote`), without cloning.
 * Throws `not-found` for a missing branch and `empty` for a repository with no refs.
 */
export async function remoteBranchHead(url: string, branch: string, options: GitOptions): Promise<string> {
  const out = await git(['ls-remote', '--', url], options);
  const refs = out.split('\n').filter(Boolean).map((line) => line.split('\t'));
  if (refs.length === 0) throw new GitError(`unable to clone '${url}': remote repository is empty`, 'empty');
  const match = refs.find(([, ref]) => ref === `refs/heads/${branch}`);
  if (!match?.[0]) throw new GitError(`unable to clone '${url}': couldn't find remote ref "refs/heads/${branch}"`, 'not-found');
  return match[0];
}

/** A checked-out commit. */
export interface Checkout {
  commit: string;
  subject: string;
}

/** Shallow-clones one branch into `dir` (which must not exist) and reads its HEAD. */
export async function cloneBranch(url: string, branch: string, dir: string, options: GitOptions): Promise<Checkout> {
  try {
    await git(['clone', '--depth=1', '--single-branch', '--no-tags', '--branch', branch, '--', url, dir], options);
  } catch (error) {
    if (error instanceof GitError) throw new GitError(`unable to clone '${url}': ${error.message}`, error.kind);
    throw error;
  }
  const out = await git(['log', '-1', '--format=%H%n%s'], { ...options, cwd: dir });
  const [commit = '', subject = ''] = out.split('\n');
  return { commit, subject };
}
