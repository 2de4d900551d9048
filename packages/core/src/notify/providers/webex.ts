import { objectTitle, type FluxEvent } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';

/** The Markdown Flux sends: emoji, bold object, message, `>**key**: value` lines. Pure. */
export function webexMarkdown(event: FluxEvent): string {
  const emoji = event.severity === 'error' ? '💣' : '✅';
  let text = `${emoji} **${objectTitle(event)}**\n${event.message}\n`;
  for (const key of Object.keys(event.metadata ?? {}).sort())
    text += `>**${key}**: ${event.metadata?.[key]}\n`;
  return text;
}

/** `webex`: `{roomId, markdown}` to the messages API (`address`) with the bot token as Bearer. */
export const webexNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid Webex hook URL ${options.url}`);
  return {
    post: async (event, ctx) => {
      const payload = {
        ...(options.channel ? { roomId: options.channel } : {}),
        markdown: webexMarkdown(event),
      };
      try {
        await postMessage(ctx, options.url, payload, {
          headers: { Authorization: `Bearer ${options.token ?? ''}` },
        });
      } catch (error) {
        throw new Error(`postMessage failed: ${(error as Error).message}`);
      }
    },
  };
};
