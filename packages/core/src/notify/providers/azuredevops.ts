import { sendWithRetry } from './http-client.js';
import { commitStatusFacts, jsonBody, parseGitAddress } from './git-address.js';
import type { NotifierFactory } from './notifier.js';
import { validateStatus } from './post-message.js';

/** The status genre: `fluxcd`, or `fluxcd:<summary>` when the event carries a summary. */
export function azureGenre(metadata: Readonly<Record<string, string>> | undefined): string {
  return metadata?.summary !== undefined ? `fluxcd:${metadata.summary}` : 'fluxcd';
}

interface GitStatus {
  context?: { genre?: string; name?: string };
  state?: string;
  description?: string;
}

/**
 * `azuredevops`: `https://dev.azure.com/<org>/<project>/_git/<repo>` addresses; lists the
 * commit's statuses and, unless the first with our name and genre says the same, creates one
 * (`succeeded`/`error`) — REST API 6.0 with the PAT as basic auth, as the Go SDK sends it.
 */
export const azureDevOpsNotifier: NotifierFactory = (options) => {
  if (!options.token)
    throw new Error('failed to acquire azure devops token: workload identity is not supported by Tideline');
  const { host, id } = parseGitAddress(options.url);
  if (!options.commitStatus) throw new Error('commit status cannot be empty');
  const parts = id.split('/');
  if (parts.length !== 4) throw new Error(`invalid repository id "${id}"`);
  const [org, project, , repo] = parts as [string, string, string, string];
  const api = `${host}/${org}/${project}/_apis/git/repositories/${repo}/commits`;
  const headers = {
    Authorization: `Basic ${Buffer.from(`:${options.token}`).toString('base64')}`,
    Accept: 'application/json',
  };
  return {
    post: async (event, ctx) => {
      if (event.reason === 'Progressing') return;
      const { sha, description } = commitStatusFacts(event);
      if (event.severity !== 'info' && event.severity !== 'error')
        throw new Error("can't convert to azure devops state");
      const state = event.severity === 'info' ? 'succeeded' : 'error';
      const genre = azureGenre(event.metadata);
      const name = options.commitStatus ?? '';
      const list = await sendWithRetry(ctx, {
        method: 'GET',
        url: `${api}/${sha}/statuses?api-version=6.0`,
        headers,
      });
      try {
        validateStatus(list);
      } catch (error) {
        throw new Error(`could not list commit statuses: ${(error as Error).message}`);
      }
      const value = (jsonBody(list.body) as { value?: GitStatus[] } | undefined)?.value ?? [];
      for (const s of value) {
        if (!s.context?.name || !s.context.genre || !s.state || !s.description) continue;
        if (s.context.name === name && s.context.genre === genre) {
          if (s.state === state && s.description === description) return;
          break;
        }
      }
      const created = await sendWithRetry(ctx, {
        url: `${api}/${sha}/statuses?api-version=6.0`,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ context: { genre, name }, description, state }),
      });
      try {
        validateStatus(created);
      } catch (error) {
        throw new Error(`could not create commit status: ${(error as Error).message}`);
      }
    },
  };
};
