import { sendWithRetry } from './http-client.js';
import { commitStatusFacts, jsonBody, ownerAndRepo, parseGitAddress } from './git-address.js';
import type { NotifierFactory } from './notifier.js';
import { validateStatus } from './post-message.js';

/** go-github's API base: api.github.com, or `<host>/api/v3/` for GitHub Enterprise. Pure. */
export function gitHubApiBase(host: string): string {
  return new URL(host).host === 'github.com' ? 'https://api.github.com' : `${host}/api/v3`;
}

interface RepoStatus {
  context?: string;
  state?: string;
  description?: string;
}

/** The first status with our context decides: same state and description is a duplicate. Pure. */
export function isDuplicateStatus(statuses: readonly RepoStatus[], wanted: Required<RepoStatus>): boolean {
  for (const s of statuses) {
    if (!s.context || !s.state || !s.description) continue;
    if (s.context === wanted.context) return s.state === wanted.state && s.description === wanted.description;
  }
  return false;
}

/**
 * `github`: lists the commit's statuses (`GET /repos/{o}/{r}/commits/{sha}/statuses?per_page=50`)
 * and, unless the newest with our context says the same, creates one
 * (`POST /repos/{o}/{r}/statuses/{sha}`, state `success`/`failure`). Progressing events are skipped.
 */
export const gitHubNotifier: NotifierFactory = (options) => {
  if (!options.commitStatus) throw new Error('commit status cannot be empty');
  const token = options.token || options.password;
  if (!token) throw new Error('github token or github app details must be specified');
  const { host, id } = parseGitAddress(options.url);
  const [owner, repo] = ownerAndRepo(id);
  const api = gitHubApiBase(host);
  const headers = {
    Accept: 'application/vnd.github.v3+json',
    Authorization: `Bearer ${token}`,
    'User-Agent': 'go-github/v64.0.0',
    'X-GitHub-Api-Version': '2022-11-28',
  };
  return {
    post: async (event, ctx) => {
      if (event.reason === 'Progressing') return;
      const { sha, description } = commitStatusFacts(event);
      if (event.severity !== 'info' && event.severity !== 'error')
        throw new Error("can't convert to github state");
      const wanted = {
        state: event.severity === 'info' ? 'success' : 'failure',
        context: options.commitStatus ?? '',
        description,
      };
      const list = await sendWithRetry(ctx, {
        method: 'GET',
        url: `${api}/repos/${owner}/${repo}/commits/${sha}/statuses?per_page=50`,
        headers,
      });
      try {
        validateStatus(list);
      } catch (error) {
        throw new Error(`could not list commit statuses: ${(error as Error).message}`);
      }
      const statuses = jsonBody(list.body);
      if (Array.isArray(statuses) && isDuplicateStatus(statuses as RepoStatus[], wanted)) return;
      const created = await sendWithRetry(ctx, {
        url: `${api}/repos/${owner}/${repo}/statuses/${sha}`,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          state: wanted.state,
          description: wanted.description,
          context: wanted.context,
        }),
      });
      try {
        validateStatus(created);
      } catch (error) {
        throw new Error(`could not create commit status: ${(error as Error).message}`);
      }
    },
  };
};
