import type { FluxEvent } from '../event.js';
import { objectTitle } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';

/** A Graphite-style annotation: `when` (Unix seconds), `text`, tags `flux`, controller, `key: value`…. Pure. */
export function grafanaAnnotation(event: FluxEvent): unknown {
  const o = event.involvedObject;
  const tags = ['flux', event.reportingController];
  for (const key of Object.keys(event.metadata ?? {}).sort())
    tags.push(`${key.replaceAll(':', '|')}: ${(event.metadata?.[key] ?? '').replaceAll(':', '|')}`);
  tags.push(`kind: ${o.kind}`, `name: ${o.name}`, `namespace: ${o.namespace}`);
  return { when: Math.floor(Date.parse(event.timestamp) / 1000), text: objectTitle(event), tags };
}

/** `grafana`: the annotations API (`address`) with a Bearer token, else basic auth. */
export const grafanaNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid Grafana URL ${options.url}`);
  return {
    post: async (event, ctx) => {
      const headers: Record<string, string> = {};
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      else if (options.username && options.password)
        headers.Authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
      try {
        await postMessage(ctx, options.url, grafanaAnnotation(event), { headers });
      } catch (error) {
        throw new Error(`postMessage failed: ${(error as Error).message}`);
      }
    },
  };
};
