import { goMap } from '../go-json.js';
import type { FluxEvent } from '../event.js';
import { nameAndDescription } from './format-name.js';
import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';

/** An Events API v2 event: `trigger` with a payload for errors, `resolve` (dedup key = object UID) otherwise. Pure. */
export function pagerDutyEvent(event: FluxEvent, routingKey: string): unknown {
  const { name, description } = nameAndDescription(event);
  const base = { routing_key: routingKey, event_action: event.severity === 'error' ? 'trigger' : 'resolve' };
  const dedup = event.involvedObject.uid ? { dedup_key: event.involvedObject.uid } : {};
  if (event.severity !== 'error') return { ...base, ...dedup };
  return {
    ...base,
    ...dedup,
    payload: {
      summary: `${description}: ${name}`,
      source: `Flux ${event.reportingController}`,
      severity: 'error',
      timestamp: event.timestamp,
      component: event.involvedObject.name,
      group: event.involvedObject.kind,
      custom_details: { message: event.message, metadata: event.metadata ? goMap(event.metadata) : null },
    },
  };
}

/** A change event (info events only). Pure. */
export function pagerDutyChange(event: FluxEvent, routingKey: string): unknown {
  const { name, description } = nameAndDescription(event);
  return {
    routing_key: routingKey,
    payload: {
      summary: `${description}: ${name}`,
      source: `Flux ${event.reportingController}`,
      timestamp: event.timestamp,
      custom_details: { message: event.message, metadata: event.metadata ? goMap(event.metadata) : null },
    },
  };
}

/**
 * `pagerduty`: `<scheme>://<host>/v2/enqueue`, plus `/v2/change/enqueue` for info events; the
 * integration key is `channel`. `Progressing` events are not sent.
 */
export const pagerDutyNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid PagerDuty endpoint URL "${options.url}"`);
  const origin = new URL(options.url).origin;
  const key = options.channel ?? '';
  return {
    post: async (event, ctx) => {
      if (event.reason === 'Progressing') return;
      try {
        await postMessage(ctx, `${origin}/v2/enqueue`, pagerDutyEvent(event, key));
      } catch (error) {
        throw new Error(`failed sending event: ${(error as Error).message}`);
      }
      if (event.severity !== 'info') return;
      try {
        await postMessage(ctx, `${origin}/v2/change/enqueue`, pagerDutyChange(event, key));
      } catch (error) {
        throw new Error(`failed sending change event: ${(error as Error).message}`);
      }
    },
  };
};
