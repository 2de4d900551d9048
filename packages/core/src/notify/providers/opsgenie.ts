import { createHash } from 'node:crypto';
import { goMap } from '../go-json.js';
import type { FluxEvent } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';

/** The alias that makes Opsgenie dedupe repeats: sha256 of `uid/kind/namespace/name/reason`. Pure. */
export function opsgenieAlias(providerUid: string, event: FluxEvent): string {
  const o = event.involvedObject;
  return createHash('sha256')
    .update(`${providerUid}/${o.kind}/${o.namespace}/${o.name}/${event.reason}`)
    .digest('hex');
}

/** `opsgenie`: an alert to the Alert API (`address`) with `Authorization: GenieKey <token>`. */
export const opsgenieNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid Opsgenie hook URL ${options.url}`);
  if (!options.token) throw new Error('empty Opsgenie apikey/token');
  return {
    post: async (event, ctx) => {
      const payload = {
        message: `${event.involvedObject.kind}/${event.involvedObject.name}`,
        alias: opsgenieAlias(options.providerUid, event),
        description: event.message,
        details: goMap({ ...event.metadata, severity: event.severity }),
      };
      try {
        await postMessage(ctx, options.url, payload, {
          headers: { Authorization: `GenieKey ${options.token}` },
        });
      } catch (error) {
        throw new Error(`postMessage failed: ${(error as Error).message}`);
      }
    },
  };
};
