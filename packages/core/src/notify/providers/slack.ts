import type { HttpResponse } from './http-client.js';
import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';
import { slackAttachment, slackPayload } from './slack-payload.js';

/** The Web API method whose JSON answer Flux checks (`ok`/`error`). */
export const SLACK_CHAT_POST_MESSAGE = 'https://slack.com/api/chat.postMessage';

/** chat.postMessage answers 200 with `{"ok":false,"error":…}`: Flux reads that as a failure. */
export function validateSlackResponse(response: HttpResponse): void {
  let parsed: { ok?: unknown; error?: unknown };
  try {
    parsed = JSON.parse(response.body) as { ok?: unknown; error?: unknown };
  } catch (error) {
    throw new Error(`unable to unmarshal response body: ${(error as Error).message}`);
  }
  if (parsed.ok === true) return;
  throw new Error(`Slack responded with error: ${typeof parsed.error === 'string' ? parsed.error : ''}`);
}

/**
 * `slack`: an incoming-webhook URL, or chat.postMessage with `Authorization: Bearer <token>`
 * (then the response's `ok` is checked). Username defaults to the reporting controller;
 * colour `danger` for errors, else `good`.
 */
export const slackNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid Slack hook URL ${options.url}`);
  return {
    post: async (event, ctx) => {
      const color = event.severity === 'error' ? 'danger' : 'good';
      const payload = slackPayload(
        options.channel ?? '',
        options.username || event.reportingController,
        slackAttachment(event, color, true),
      );
      try {
        await postMessage(ctx, options.url, payload, {
          headers: options.token ? { Authorization: `Bearer ${options.token}` } : {},
          ...(options.url === SLACK_CHAT_POST_MESSAGE ? { validate: validateSlackResponse } : {}),
        });
      } catch (error) {
        throw new Error(`postMessage failed: ${(error as Error).message}`);
      }
    },
  };
};
