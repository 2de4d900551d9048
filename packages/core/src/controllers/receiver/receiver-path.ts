import { createHash } from 'node:crypto';
import { RECEIVER_WEBHOOK_PREFIX } from '../../api/notification-v1.js';

/** `/hook/` + hex(sha256(token + name + namespace)): Flux's Receiver GetWebhookPath. Pure. */
export function webhookPath(token: string, name: string, namespace: string): string {
  return `${RECEIVER_WEBHOOK_PREFIX}${createHash('sha256')
    .update(token + name + namespace)
    .digest('hex')}`;
}
