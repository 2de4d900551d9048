import type { FluxEvent } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { postMessage } from './post-message.js';

/** Flux's Markdown post (markdown.go): header, severity emoji, object, message, sorted metadata. Pure. */
export function markdownPost(event: FluxEvent): string {
  const emoji = event.severity === 'error' ? '⚠️' : 'ℹ️';
  const o = event.involvedObject;
  const lines = Object.keys(event.metadata ?? {})
    .filter((k) => k !== 'change_request')
    .sort()
    .map((k) => `* \`${k}\`: ${event.metadata?.[k]}\n`)
    .join('');
  return `## Flux Status\n\n${emoji} ${o.kind}/${o.namespace}/${o.name}\n\n${event.message}\n\nMetadata:\n${lines}`;
}

/** Go's `url.QueryEscape`: only `A-Za-z0-9-_.~` stay, space becomes `+`. Pure. */
export function goQueryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** Go's `url.Values.Encode`: keys sorted, each pair query-escaped. Pure. */
export function encodeForm(values: Record<string, string>): string {
  return Object.keys(values)
    .sort()
    .map((k) => `${goQueryEscape(k)}=${goQueryEscape(values[k] ?? '')}`)
    .join('&');
}

/**
 * `zulip`: a form POST to `<address>/api/v1/messages` (`type=stream`, `to`, `topic` from
 * `channel: <stream>/<topic>`) with the bot's e-mail and API key as basic auth.
 */
export const zulipNotifier: NotifierFactory = (options) => {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch (error) {
    throw new Error(`invalid Zulip endpoint URL: ${(error as Error).message}`);
  }
  url.pathname = '/api/v1/messages';
  const [stream, topic] = (options.channel ?? '').split(/\/(.*)/s);
  if (!stream || !topic)
    throw new Error(
      `invalid Zulip channel format, expected <channel>/<topic>, got '${options.channel ?? ''}'`,
    );
  return {
    post: async (event, ctx) =>
      void (await postMessage(
        ctx,
        url.toString(),
        encodeForm({ type: 'stream', to: stream, topic, content: markdownPost(event) }),
        {
          contentType: 'application/x-www-form-urlencoded',
          basicAuth: { username: options.username ?? '', password: options.password ?? '' },
        },
      )),
  };
};
