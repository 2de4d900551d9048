import { createHmac } from 'node:crypto';
import { eventJson } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';

/** The header naming the emitting controller (notifier.NotificationHeader). */
export const NOTIFICATION_HEADER = 'gotk-component';

/** hex HMAC-SHA256 of the body, as the generic-hmac `X-Signature` carries it (`sha256=<hex>`). */
export function signBody(body: string, key: string): string {
  return createHmac('sha256', key).update(body).digest('hex');
}

/**
 * The Forwarder (`generic`, and `generic-hmac` when `hmacKey` is set): POSTs the event as
 * Go marshals it, with `gotk-component: <reportingController>`, the Secret's headers, and
 * `X-Signature: sha256=<hmac of those exact bytes>`.
 */
export function forwarder(hmac: boolean): NotifierFactory {
  return (options) => {
    if (!isRequestUri(options.url)) throw new Error(`invalid hook URL ${options.url}`);
    const key = hmac ? (options.token ?? '') : undefined;
    if (key !== undefined && key.length === 0) throw new Error('HMAC key is empty');
    return {
      post: async (event, ctx) => {
        const body = eventJson(event);
        const headers: Record<string, string> = { [NOTIFICATION_HEADER]: event.reportingController };
        Object.assign(headers, options.headers);
        if (key) headers['X-Signature'] = `sha256=${signBody(body, key)}`;
        try {
          await postMessage(ctx, options.url, body, { contentType: 'application/json', headers });
        } catch (error) {
          throw new Error(`postMessage failed: ${(error as Error).message}`);
        }
      },
    };
  };
}

/** `generic`: the event as JSON to `address`. */
export const genericNotifier: NotifierFactory = forwarder(false);
