import { createHash } from 'node:crypto';
import { sendWithRetry } from './http-client.js';
import { commitStatusFacts, jsonBody, ownerAndRepo, parseGitAddress } from './git-address.js';
import type { NotifierFactory } from './notifier.js';
import { validateStatus } from './post-message.js';

/** sha1 hex of the commit status id: Bitbucket's status key. Pure. */
export function statusKey(commitStatus: string): string {
  return createHash('sha1').update(commitStatus).digest('hex');
}

/**
 * `bitbucket` (Cloud): basic auth from `token: <user>:<app password>`; reads
 * `GET /repositories/{o}/{r}/commit/{sha}/statuses/build/{key}` (404 is fine), then unless it
 * says the same `POST …/statuses/build` with `SUCCESSFUL`/`FAILED`.
 */
export const bitbucketNotifier: NotifierFactory = (options) => {
  if (!options.token) throw new Error('bitbucket token cannot be empty');
  if (!options.commitStatus) throw new Error('commit status cannot be empty');
  const { id } = parseGitAddress(options.url);
  const credentials = options.token.split(':');
  if (credentials.length !== 2) throw new Error('invalid token format, expected to be <user>:<password>');
  const [owner, repo] = ownerAndRepo(id, `invalid repository id "${id}"`);
  const headers = { Authorization: `Basic ${Buffer.from(options.token).toString('base64')}` };
  const key = statusKey(options.commitStatus);
  return {
    post: async (event, ctx) => {
      if (event.reason === 'Progressing') return;
      const { sha, name, description } = commitStatusFacts(event);
      if (event.severity !== 'info' && event.severity !== 'error')
        throw new Error("can't convert to bitbucket state");
      const state = event.severity === 'info' ? 'SUCCESSFUL' : 'FAILED';
      const base = `${options.endpoints.bitbucket}/repositories/${owner}/${repo}/commit/${sha}/statuses/build`;
      const existing = await sendWithRetry(ctx, { method: 'GET', url: `${base}/${key}`, headers });
      if (existing.status !== 404) {
        try {
          validateStatus(existing);
        } catch (error) {
          throw new Error(`could not get commit status: ${(error as Error).message}`);
        }
        const current = jsonBody(existing.body) as { state?: string; description?: string } | undefined;
        if (current?.state === state && current.description === description) return;
      }
      const created = await sendWithRetry(ctx, {
        url: base,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ key, url: 'https://bitbucket.org', state, name, description }),
      });
      validateStatus(created);
    },
  };
};
