import { createHash } from 'node:crypto';
import { eventJson, objectTitle, type FluxEvent } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';

/** The plain-text body: heading, message, `- key: value` lines. Pure. */
export function matrixBody(event: FluxEvent): string {
  const emoji = event.severity === 'error' ? '🚨' : '💫';
  let metadata = '';
  for (const key of Object.keys(event.metadata ?? {}).sort())
    metadata += `- ${key}: ${event.metadata?.[key]}\n`;
  return `${emoji} ${objectTitle(event)}\n${event.message}\n${metadata}`;
}

/**
 * `matrix`: PUT `<homeserver>/_matrix/client/r0/rooms/<room>/send/m.room.message/<txn>` with the
 * access token as Bearer; the transaction id is the sha1 of the event JSON, so a retry is idempotent.
 */
export const matrixNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid Matrix homeserver URL ${options.url}`);
  return {
    post: async (event, ctx) => {
      const txn = createHash('sha1').update(eventJson(event)).digest('hex');
      const url = `${options.url}/_matrix/client/r0/rooms/${options.channel ?? ''}/send/m.room.message/${txn}`;
      try {
        await postMessage(
          ctx,
          url,
          { body: matrixBody(event), msgtype: 'm.text' },
          {
            method: 'PUT',
            headers: { Authorization: `Bearer ${options.token ?? ''}` },
          },
        );
      } catch (error) {
        throw new Error(`postMessage failed: ${(error as Error).message}`);
      }
    },
  };
};
