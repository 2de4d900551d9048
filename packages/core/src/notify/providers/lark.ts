import { objectTitle, type FluxEvent } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';

/** An interactive card: turquoise (red for errors) header, bold message and `key: value` lines. Pure. */
export function larkCard(event: FluxEvent): unknown {
  const error = event.severity === 'error';
  let content = `**${event.message}**\n\n`;
  for (const key of Object.keys(event.metadata ?? {}).sort()) content += `${key}: ${event.metadata?.[key]}\n`;
  return {
    msg_type: 'interactive',
    card: {
      config: { wide_screen_mode: true },
      header: {
        title: { tag: 'plain_text', content: `${error ? '🚨' : '💫'} ${objectTitle(event)}` },
        template: error ? 'red' : 'turquoise',
      },
      elements: [{ tag: 'div', text: { tag: 'lark_md', content } }],
    },
  };
}

/** `lark`: the card to the bot's webhook URL. */
export const larkNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid Slack hook URL ${options.url}`);
  return { post: async (event, ctx) => void (await postMessage(ctx, options.url, larkCard(event))) };
};
