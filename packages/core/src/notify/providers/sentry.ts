import { randomBytes } from 'node:crypto';
import type { FluxEvent } from '../event.js';
import { goEncode, goMap } from '../go-json.js';
import type { NotifierFactory } from './notifier.js';
import { postMessage } from './post-message.js';

const SDK = { name: 'sentry.go', version: '0.35.0' };

/** A parsed DSN: `<scheme>://<public key>@<host>/<project id>`. */
export interface SentryDsn {
  publicKey: string;
  envelopeUrl: string;
}

/** Parses a DSN as sentry-go does; throws on a malformed one. Pure. */
export function parseDsn(dsn: string): SentryDsn {
  const url = new URL(dsn);
  const project = url.pathname.split('/').filter(Boolean).pop();
  if (!url.username || !project)
    throw new Error(`[Sentry] DsnParseError: invalid DSN ${url.protocol}//${url.host}`);
  const prefix = url.pathname.slice(0, url.pathname.lastIndexOf(project)).replace(/\/$/, '');
  return {
    publicKey: url.username,
    envelopeUrl: `${url.protocol}//${url.host}${prefix}/api/${project}/envelope/`,
  };
}

/**
 * The Sentry event: errors as error events (metadata in `contexts.metadata`), info events as a
 * transaction span tagged with the object, as Flux's notifier builds them. Pure.
 */
export function sentryEvent(event: FluxEvent, environment: string, eventId: string): Record<string, unknown> {
  const o = event.involvedObject;
  const transaction = `${o.kind}: ${o.namespace}/${o.name}`;
  const base = {
    event_id: eventId,
    environment,
    platform: 'go',
    sdk: SDK,
    timestamp: event.timestamp,
    transaction,
    message: event.message,
  };
  if (event.severity === 'error')
    return {
      ...base,
      level: 'error',
      server_name: event.reportingController,
      contexts: { metadata: goMap(event.metadata) },
    };
  const tags = goMap({
    flux_involved_object_kind: o.kind,
    flux_involved_object_namespace: o.namespace,
    flux_involved_object_name: o.name,
    flux_reporting_controller: event.reportingController,
    flux_reporting_instance: event.reportingInstance ?? '',
    flux_reason: event.reason,
    ...event.metadata,
  });
  const trace = {
    trace_id: randomBytes(16).toString('hex'),
    span_id: randomBytes(8).toString('hex'),
    op: 'event',
  };
  return {
    ...base,
    type: 'transaction',
    start_timestamp: event.timestamp,
    tags,
    contexts: { trace },
    spans: [{ ...trace, tags, start_timestamp: event.timestamp, timestamp: event.timestamp }],
  };
}

/**
 * `sentry`: an envelope POSTed to the DSN's project (`address`), `channel` = environment, with
 * `X-Sentry-Auth`. Like Flux's SDK transport, it is sent once, without retries.
 */
export const sentryNotifier: NotifierFactory = (options) => {
  if (!options.url) throw new Error('DSN cannot be empty');
  const dsn = parseDsn(options.url);
  return {
    post: async (event, ctx) => {
      const eventId = randomBytes(16).toString('hex');
      const item = goEncode(sentryEvent(event, options.channel ?? '', eventId)).trimEnd();
      const type = event.severity === 'error' ? 'event' : 'transaction';
      const envelope =
        goEncode({ event_id: eventId, sent_at: new Date().toISOString(), dsn: options.url, sdk: SDK }) +
        goEncode({ type, length: Buffer.byteLength(item) }) +
        `${item}\n`;
      await postMessage({ ...ctx, retry: { ...ctx.retry, retryMax: 0 } }, dsn.envelopeUrl, envelope, {
        contentType: 'application/x-sentry-envelope',
        headers: {
          'User-Agent': `${SDK.name}/${SDK.version}`,
          'X-Sentry-Auth': `Sentry sentry_version=7, sentry_client=${SDK.name}/${SDK.version}, sentry_key=${dsn.publicKey}`,
        },
      });
    },
  };
};
