import { normalizeRepositoryName } from '../git-server/repository-name.js';

/** The git services a client may run over SSH. */
export type GitSshService = 'git-upload-pack' | 'git-receive-pack';

/** A parsed `exec` request: which service, on which repository (normalized name). */
export interface GitSshCommand {
  service: GitSshService;
  repository: string;
}

const COMMAND = /^(git-upload-pack|git-receive-pack) (.+)$/;

/**
 * Undoes git's `sq_quote_buf`: the path arrives as `'…'` with `'` written `'\''` and `!` written
 * `'\!'`. Anything else (unbalanced quotes, bare words) is refused. Pure.
 */
export function unquoteShellArgument(quoted: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < quoted.length) {
    if (quoted[i] === "'") {
      const end = quoted.indexOf("'", i + 1);
      if (end < 0) return undefined;
      out += quoted.slice(i + 1, end);
      i = end + 1;
    } else if (quoted[i] === '\\' && i + 1 < quoted.length) {
      out += quoted[i + 1];
      i += 2;
    } else {
      return undefined;
    }
  }
  return out;
}

/**
 * Reads the command git sends over SSH (`git-upload-pack '/team/app.git'`, or without the
 * leading slash for scp-like URLs) into a service and a repository name. Only the two git
 * services are allowed and the path must be a valid sandbox repository name, so the command can
 * never name another program or a file outside the root. Pure.
 */
export function parseGitSshCommand(command: string): GitSshCommand | undefined {
  const match = COMMAND.exec(command.trim());
  if (!match) return undefined;
  const path = unquoteShellArgument(match[2] ?? '');
  if (path === undefined) return undefined;
  try {
    return {
      service: match[1] as GitSshService,
      repository: normalizeRepositoryName(path.replace(/^\/+/, '')),
    };
  } catch {
    return undefined;
  }
}
