import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';
import { slackAttachment, slackPayload } from './slack-payload.js';

/** `rocket`: Rocket.Chat's Slack-compatible webhook; colours `#0076D7` / `#FF0000` for errors. */
export const rocketNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid Rocket hook URL ${options.url}`);
  return {
    post: async (event, ctx) => {
      const color = event.severity === 'error' ? '#FF0000' : '#0076D7';
      const payload = slackPayload(
        options.channel ?? '',
        options.username ?? '',
        slackAttachment(event, color, false),
      );
      try {
        await postMessage(ctx, options.url, payload);
      } catch (error) {
        throw new Error(`postMessage failed: ${(error as Error).message}`);
      }
    },
  };
};
