import { goMap } from '../go-json.js';
import type { FluxEvent } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { postMessage } from './post-message.js';

/** An EventCreateRequest as the Datadog client marshals it (a Go map: keys sorted). Pure. */
export function datadogEvent(event: FluxEvent): unknown {
  const o = event.involvedObject;
  const tags = [
    `flux_reporting_controller:${event.reportingController}`,
    `flux_reason:${event.reason}`,
    `kube_kind:${o.kind}`,
    `kube_name:${o.name}`,
    `kube_namespace:${o.namespace}`,
    ...Object.keys(event.metadata ?? {})
      .sort()
      .map((k) => `${k}:${event.metadata?.[k]}`),
  ].map((t) => t.toLowerCase());
  return goMap({
    alert_type: event.severity === 'error' ? 'error' : 'info',
    date_happened: Math.floor(Date.parse(event.timestamp) / 1000),
    source_type_name: 'fluxcd',
    tags,
    text: event.message,
    title: `Events from the ${o.kind} ${o.name}/${o.namespace}`,
  });
}

/** `datadog`: POST `<scheme>://<host>/api/v1/events` with `DD-API-KEY: <token>` (the Events API v1). */
export const datadogNotifier: NotifierFactory = (options) => {
  if (!options.token) throw new Error('token cannot be empty');
  let base: URL;
  try {
    base = new URL(options.url);
  } catch (error) {
    throw new Error(`failed to parse address "${options.url}": ${(error as Error).message}`);
  }
  return {
    post: async (event, ctx) => {
      try {
        await postMessage(ctx, `${base.protocol}//${base.host}/api/v1/events`, datadogEvent(event), {
          headers: { Accept: 'application/json', 'DD-API-KEY': options.token ?? '' },
        });
      } catch (error) {
        throw new Error(`failed to post event to DataDog: ${(error as Error).message}`);
      }
    },
  };
};
