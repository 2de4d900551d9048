import { sendWithRetry } from './http-client.js';
import { commitStatusFacts, jsonBody, ownerAndRepo, parseGitAddress } from './git-address.js';
import { isDuplicateStatus } from './github.js';
import type { NotifierFactory } from './notifier.js';
import { validateStatus } from './post-message.js';

/**
 * `gitea`: the Gitea API (`<host>/api/v1`) with `Authorization: token <token>`: list the
 * commit's statuses, then create one (`pending` for Progressing, `success`, `failure`).
 */
export const giteaNotifier: NotifierFactory = (options) => {
  if (!options.commitStatus) throw new Error('commit status cannot be empty');
  const token = options.token || options.password;
  if (!token) throw new Error('gitea token cannot be empty');
  const { host, id } = parseGitAddress(options.url);
  const [owner, repo] = ownerAndRepo(id, `invalid repository id "${id}"`);
  const api = `${host}/api/v1/repos/${owner}/${repo}`;
  const headers = { Authorization: `token ${token}` };
  return {
    post: async (event, ctx) => {
      const { sha, description } = commitStatusFacts(event);
      const state =
        event.reason === 'Progressing'
          ? 'pending'
          : event.severity === 'info'
            ? 'success'
            : event.severity === 'error'
              ? 'failure'
              : undefined;
      if (!state) throw new Error("can't convert to gitea state");
      const wanted = { state, context: options.commitStatus ?? '', description };
      const list = await sendWithRetry(ctx, {
        method: 'GET',
        url: `${api}/commits/${sha}/statuses?page=1&limit=50`,
        headers,
      });
      try {
        validateStatus(list);
      } catch (error) {
        throw new Error(`could not list commit statuses: ${(error as Error).message}`);
      }
      const statuses = jsonBody(list.body);
      if (Array.isArray(statuses) && isDuplicateStatus(statuses as never[], wanted)) return;
      const created = await sendWithRetry(ctx, {
        url: `${api}/statuses/${sha}`,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ state, target_url: '', description, context: wanted.context }),
      });
      validateStatus(created);
    },
  };
};
