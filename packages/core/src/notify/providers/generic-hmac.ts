import { forwarder } from './generic.js';
import type { NotifierFactory } from './notifier.js';

/** `generic-hmac`: the generic body signed with the Secret's `token` (`X-Signature: sha256=<hex>`). */
export const genericHmacNotifier: NotifierFactory = forwarder(true);
