import { goEncode } from '../go-json.js';
import { sendWithRetry } from './http-client.js';
import { statusKey } from './bitbucket.js';
import { commitStatusFacts, jsonBody } from './git-address.js';
import type { NotifierFactory } from './notifier.js';

/** `<context>/rest/api/latest/projects/<key>/repos/<slug>/commits` from a `…/scm/<key>/<slug>.git` clone URL. Pure. */
export function bitbucketServerCommitsUrl(address: string): URL {
  const url = new URL(address);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(
      `could not parse git address: unsupported scheme type in address: ${url.protocol.replace(':', '')}. Must be http or https`,
    );
  const path = url.pathname.replace(/\.git$/, '');
  const at = path.lastIndexOf('/scm/');
  if (at < 0)
    throw new Error('could not parse git address: supplied provider address is not http(s) git clone url');
  const parts = path.slice(at + '/scm/'.length).split('/');
  if (parts.length !== 2)
    throw new Error(`could not parse git address: invalid repository id "${parts.join('/')}"`);
  url.pathname = `${path.slice(0, at)}/rest/api/latest/projects/${parts[0]}/repos/${parts[1]}/commits`;
  url.username = '';
  url.password = '';
  return url;
}

/**
 * `bitbucketserver`: build status of the commit (`…/commits/<sha>/builds`): `GET ?key=<sha1 of
 * the id>` to skip duplicates, then `POST` with `SUCCESSFUL`/`FAILED`; Bearer token or basic
 * auth, and the `x-atlassian-token: no-check` / `x-requested-with` headers Flux sends.
 */
export const bitbucketServerNotifier: NotifierFactory = (options) => {
  const commits = bitbucketServerCommitsUrl(options.url);
  if (!options.commitStatus) throw new Error('commit status cannot be empty');
  if (!options.token && (!options.username || !options.password))
    throw new Error('invalid credentials, expected to be one of username/password or API Token');
  const headers = {
    Authorization: options.token
      ? `Bearer ${options.token}`
      : `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`,
    'x-atlassian-token': 'no-check',
    'x-requested-with': 'XMLHttpRequest',
  };
  const key = statusKey(options.commitStatus);
  return {
    post: async (event, ctx) => {
      if (event.reason === 'Progressing') return;
      const facts = commitStatusFacts(event);
      if (event.severity !== 'info' && event.severity !== 'error')
        throw new Error(
          "couldn't convert to bitbucket server state: bitbucket server state generated on info or error events only",
        );
      const state = event.severity === 'info' ? 'SUCCESSFUL' : 'FAILED';
      const name = `${facts.name} [${facts.description}]`;
      const url = `${commits.toString()}/${facts.sha}/builds`;
      const existing = await sendWithRetry(ctx, { method: 'GET', url: `${url}?key=${key}`, headers });
      if (existing.status > 399 && existing.status !== 404)
        throw new Error(
          `could not get existing commit status: failed api call to check duplicate commit status: ${existing.status}`,
        );
      const current =
        existing.status === 200
          ? (jsonBody(existing.body) as Record<string, unknown> | undefined)
          : undefined;
      if (
        current?.key === key &&
        current.state === state &&
        current.description === facts.description &&
        current.name === name
      )
        return;
      const body = goEncode({ description: facts.description, key, name, state, url: options.url });
      const posted = await sendWithRetry(ctx, {
        url,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body,
      });
      if (posted.status > 399)
        throw new Error(
          `could not post build status: could not post build commit status: ${posted.status} - ${posted.statusText}`,
        );
    },
  };
};
