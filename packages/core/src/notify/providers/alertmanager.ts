import { goMap } from '../go-json.js';
import type { FluxEvent } from '../event.js';
import type { NotifierFactory } from './notifier.js';
import { isRequestUri, postMessage } from './post-message.js';

/** x/text `cases.Title`: each word's first letter upper-cased, the rest lower-cased. Pure. */
export function goTitle(text: string): string {
  return text
    .toLowerCase()
    .replace(/(^|[^\p{L}\p{N}'])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/**
 * One firing alert: labels are the metadata (less `summary`) plus `alertname`
 * (`Flux<Kind><Title-cased reason>`), severity, reason, kind, name, namespace and
 * reportingcontroller; annotations are `message` and `summary`. `endsAt` is Go's zero time,
 * as Flux marshals it. Pure.
 */
export function alertmanagerAlerts(event: FluxEvent): unknown {
  const metadata = { ...event.metadata };
  const annotations: Record<string, string> = { message: event.message };
  if (metadata.summary !== undefined) {
    annotations.summary = metadata.summary;
    delete metadata.summary;
  }
  const o = event.involvedObject;
  const labels = {
    ...metadata,
    alertname: `Flux${o.kind}${goTitle(event.reason)}`,
    severity: event.severity,
    reason: event.reason,
    kind: o.kind,
    name: o.name,
    namespace: o.namespace,
    reportingcontroller: event.reportingController,
  };
  return [
    {
      status: 'firing',
      labels: goMap(labels),
      annotations: goMap(annotations),
      startsAt: event.timestamp,
      endsAt: '0001-01-01T00:00:00Z',
    },
  ];
}

/** `alertmanager`: POST to `/api/v2/alerts` (`address`), Bearer token or basic auth. */
export const alertmanagerNotifier: NotifierFactory = (options) => {
  if (!isRequestUri(options.url)) throw new Error(`invalid Alertmanager URL ${options.url}`);
  return {
    post: async (event, ctx) => {
      const headers: Record<string, string> = {};
      if (options.token) headers.Authorization = `Bearer ${options.token}`;
      if (options.username && options.password)
        headers.Authorization = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
      try {
        await postMessage(ctx, options.url, alertmanagerAlerts(event), { headers });
      } catch (error) {
        throw new Error(`postMessage failed: ${(error as Error).message}`);
      }
    },
  };
};
