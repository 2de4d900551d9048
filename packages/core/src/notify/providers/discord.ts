import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';
import { slackAttachment, slackPayload } from './slack-payload.js';

/** Discord's Slack-compatible endpoint: Flux appends `/slack` to the webhook URL unless present. */
export function discordUrl(address: string): string {
  if (address.endsWith('/slack')) return address;
  const url = new URL(address);
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/slack`;
  return url.toString();
}

/** `discord`: the Slack payload (no channel, no fallback) to `<webhook>/slack`. */
export const discordNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid Discord hook URL ${options.url}`);
  const url = discordUrl(options.url);
  return {
    post: async (event, ctx) => {
      const color = event.severity === 'error' ? 'danger' : 'good';
      const payload = slackPayload(
        '',
        options.username || event.reportingController,
        slackAttachment(event, color, false),
      );
      try {
        await postMessage(ctx, url, payload);
      } catch (error) {
        throw new Error(`postMessage failed: ${(error as Error).message}`);
      }
    },
  };
};
