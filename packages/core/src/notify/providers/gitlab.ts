import { sendWithRetry } from './http-client.js';
import { commitStatusFacts, jsonBody, parseGitAddress } from './git-address.js';
import type { NotifierFactory } from './notifier.js';
import { validateStatus } from './post-message.js';

interface GitLabStatus {
  sha?: string;
  status?: string;
  description?: string;
  name?: string;
}

/**
 * `gitlab`: `GET /api/v4/projects/<id>/repository/commits/<sha>/statuses?name=<id>`, then unless
 * an identical status exists `POST /api/v4/projects/<id>/statuses/<sha>` (state `success` /
 * `failed`) with `PRIVATE-TOKEN`. The project id is the URL-encoded path.
 */
export const gitLabNotifier: NotifierFactory = (options) => {
  const token = options.token || options.password;
  if (!token) throw new Error('gitlab token cannot be empty');
  const { host, id } = parseGitAddress(options.url);
  if (!options.commitStatus) throw new Error('commit status cannot be empty');
  const project = `${host}/api/v4/projects/${encodeURIComponent(id)}`;
  const headers = { 'PRIVATE-TOKEN': token };
  return {
    post: async (event, ctx) => {
      if (event.reason === 'Progressing') return;
      const { sha, description } = commitStatusFacts(event);
      if (event.severity !== 'info' && event.severity !== 'error')
        throw new Error("can't convert to gitlab state");
      const state = event.severity === 'info' ? 'success' : 'failed';
      const name = options.commitStatus ?? '';
      const list = await sendWithRetry(ctx, {
        method: 'GET',
        url: `${project}/repository/commits/${sha}/statuses?name=${encodeURIComponent(name)}`,
        headers,
      });
      try {
        validateStatus(list);
      } catch (error) {
        throw new Error(`unable to list commit status: ${(error as Error).message}`);
      }
      const statuses = jsonBody(list.body);
      const dupe =
        Array.isArray(statuses) &&
        (statuses as GitLabStatus[]).some(
          (s) => s.sha === sha && s.status === state && s.description === description && s.name === name,
        );
      if (dupe) return;
      const created = await sendWithRetry(ctx, {
        url: `${project}/statuses/${sha}`,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ state, name, description }),
      });
      validateStatus(created);
    },
  };
};
