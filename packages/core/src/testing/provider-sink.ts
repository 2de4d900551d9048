import type { SinkRequest, WebhookSink } from './sandbox.js';
import type { FluxEvent } from '../notify/event.js';
import { FLUX_RETRY_POLICY } from '../notify/providers/http-client.js';
import { notifierFor, type NotifierOptions } from '../notify/providers/index.js';

/** The commit of the golden event's revision. */
export const GOLDEN_SHA = '0123456789abcdef0123456789abcdef01234567';

/** The event every provider golden test sends: an error with a revision and a summary. */
export const GOLDEN_EVENT: FluxEvent = {
  involvedObject: {
    kind: 'Kustomization',
    namespace: 'apps',
    name: 'web',
    uid: 'u-1',
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  },
  severity: 'error',
  timestamp: '2026-05-01T07:26:19Z',
  message: 'Health check failed after 1m0s',
  reason: 'HealthCheckFailed',
  metadata: { revision: `main@sha1:${GOLDEN_SHA}`, summary: 'prod' },
  reportingController: 'kustomize-controller',
  reportingInstance: 'kc-1',
};

/** Posts `event` through a provider type aimed at the sink (`<sink>/<type>`); resolves what the sink received. */
export async function sendToSink(
  sink: WebhookSink,
  type: string,
  over: Partial<NotifierOptions>,
  event: FluxEvent = GOLDEN_EVENT,
): Promise<SinkRequest[]> {
  sink.clear();
  const options: NotifierOptions = {
    url: `${sink.url}/${type}`,
    providerUid: '0c9c2e41-d2f9-4f9b',
    secretData: {},
    endpoints: { telegram: `${sink.url}/tg`, bitbucket: `${sink.url}/bb/2.0` },
    ...over,
  };
  await notifierFor(type)(options).post(event, {
    signal: AbortSignal.timeout(10_000),
    retry: FLUX_RETRY_POLICY,
  });
  return sink.requests();
}

/** A recorded body as JSON. */
export const json = (r: SinkRequest | undefined): unknown => JSON.parse(r?.body ?? 'null');
