import type { FluxEvent } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { postMessage } from './post-message.js';

const MARKDOWN_V2_SPECIAL = '\\.-_[]()~>`#+=|{}!*';

/** Escapes Telegram MarkdownV2's special characters, in Flux's order. Pure. */
export function escapeMarkdownV2(text: string): string {
  let out = text;
  for (const char of MARKDOWN_V2_SPECIAL) out = out.split(char).join(`\\${char}`);
  return out;
}

/** The MarkdownV2 text: bold heading `💫 kind/name/namespace`, message, `\- *key*: value` lines. Pure. */
export function telegramText(event: FluxEvent): string {
  const o = event.involvedObject;
  const emoji = event.severity === 'error' ? '🚨' : '💫';
  const heading = `${emoji} ${o.kind.toLowerCase()}/${o.name}/${o.namespace}`;
  let metadata = '';
  for (const key of Object.keys(event.metadata ?? {}).sort())
    metadata += `\\- *${escapeMarkdownV2(key)}*: ${escapeMarkdownV2(event.metadata?.[key] ?? '')}\n`;
  return `*${escapeMarkdownV2(heading)}*\n${escapeMarkdownV2(event.message)}\n${metadata}`;
}

/**
 * `telegram`: `sendMessage` of the Bot API (`https://api.telegram.org/bot<token>/sendMessage`)
 * with `chat_id` (`channel`, optionally `<chat>:<thread>`) and MarkdownV2.
 */
export const telegramNotifier: NotifierFactory = (options) => {
  if (!options.channel) throw new Error('empty Telegram channel');
  if (!options.token) throw new Error('empty Telegram token');
  const url = `${options.endpoints.telegram}/bot${options.token}/sendMessage`;
  const [chatId, thread] = options.channel.split(/:(.*)/s) as [string, string | undefined];
  return {
    post: async (event, ctx) => {
      const payload = {
        chat_id: chatId,
        ...(thread !== undefined ? { message_thread_id: thread } : {}),
        text: telegramText(event),
        parse_mode: 'MarkdownV2',
      };
      await postMessage(ctx, url, payload);
    },
  };
};
