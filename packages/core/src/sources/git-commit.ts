import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { redactUrl } from './git-auth.js';
import { GitError, runGit, type GitOptions } from './git-runner.js';

/** Who a commit is by, and what it says. */
export interface CommitRequest {
  authorName: string;
  authorEmail: string;
  message: string;
  /** Sign with `options.signing` (git `-S`). */
  sign: boolean;
}

/** Makes `branch` the checked-out branch at the current commit (`git checkout -B`), for pushing. */
export async function switchToBranch(dir: string, branch: string, git: GitOptions): Promise<void> {
  await runGit(['checkout', '-q', '-B', branch, '--'], { ...git, cwd: dir });
}

/**
 * Stages every change in the work tree and commits it with the author as both author and
 * committer (as image-automation-controller's go-git signature), the message verbatim, signed
 * when asked. Resolves the new commit's id, or undefined when nothing changed.
 */
export async function commitChanges(
  dir: string,
  request: CommitRequest,
  git: GitOptions,
): Promise<string | undefined> {
  const options = { ...git, cwd: dir };
  await runGit(['add', '--all', '--', '.'], options);
  if ((await runGit(['status', '--porcelain', '--untracked-files=no'], options)).trim() === '')
    return undefined;
  const messageFile = join(dir, '.git', 'TIDELINE_COMMIT_MESSAGE');
  await writeFile(messageFile, request.message);
  // git refuses an empty ident name; Flux's go-git writes one, so the email stands in for it.
  const name = request.authorName || request.authorEmail;
  await runGit(
    [
      '-c',
      `user.name=${name}`,
      '-c',
      `user.email=${request.authorEmail}`,
      '-c',
      `commit.gpgsign=${request.sign ? 'true' : 'false'}`,
      'commit',
      '-q',
      '--no-verify',
      '--cleanup=verbatim',
      ...(request.sign ? ['-S'] : []),
      '-F',
      messageFile,
    ],
    options,
  );
  return (await runGit(['rev-parse', 'HEAD'], options)).trim();
}

/** Push options as `--push-option=k=v` arguments, in key order (git sends them as given). Pure. */
export function pushOptionArgs(options: Readonly<Record<string, string>> | undefined): string[] {
  return Object.keys(options ?? {})
    .sort()
    .map((key) => `--push-option=${key}=${options?.[key] ?? ''}`);
}

/**
 * Why git refused a push, in go-git's words where they exist: `non-fast-forward update: <ref>`
 * when the remote moved, `remote rejected: <ref> (<reason>)` when a hook or protection refused
 * it. Undefined when the output shows no rejection. Pure.
 */
export function pushRejection(output: string): string | undefined {
  for (const line of output.split('\n')) {
    const rejected = /^\s*!\s+\[rejected\]\s+\S+\s+->\s+(\S+)\s+\((.+)\)/.exec(line);
    if (rejected) return `non-fast-forward update: refs/heads/${rejected[1] ?? ''}`;
    const remote = /^\s*!\s+\[remote rejected\]\s+\S+\s+->\s+(\S+)\s+\((.+)\)/.exec(line);
    if (remote) return `remote rejected: refs/heads/${remote[1] ?? ''} (${remote[2] ?? ''})`;
  }
  return undefined;
}

/**
 * Pushes refspecs to `url` (with push options; `force` for a branch the automation owns). A
 * rejection is reported as {@link pushRejection} words it; nothing is retried here (the
 * reconcile retries from a fresh clone, so no commit of the remote is ever lost).
 */
export async function pushRefspecs(
  dir: string,
  url: string,
  refspecs: readonly string[],
  push: { force: boolean; options?: Readonly<Record<string, string>> },
  git: GitOptions,
): Promise<void> {
  try {
    await runGit(
      ['push', ...(push.force ? ['--force'] : []), ...pushOptionArgs(push.options), '--', url, ...refspecs],
      { ...git, cwd: dir, remote: url },
    );
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const detail = pushRejection(error.output ?? '') ?? error.message;
    throw new GitError(`failed to push to remote '${redactUrl(url)}': ${detail}`, error.kind);
  }
}
