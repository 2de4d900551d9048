import { goMap, goMarshal } from './go-json.js';

/** The object an event is about (core/v1 ObjectReference, as Flux fills it). */
export interface EventObjectRef {
  kind: string;
  namespace: string;
  name: string;
  uid?: string;
  apiVersion: string;
  resourceVersion?: string;
}

/** Event severities (fluxcd/pkg apis/event/v1beta1); `trace` is never forwarded. */
export type EventSeverity = 'trace' | 'info' | 'error';

/** The event a controller forwards to the notification pipeline (fluxcd/pkg `eventv1.Event`). */
export interface FluxEvent {
  involvedObject: EventObjectRef;
  severity: EventSeverity;
  /** RFC 3339, seconds, UTC. */
  timestamp: string;
  message: string;
  reason: string;
  metadata?: Record<string, string>;
  reportingController: string;
  reportingInstance?: string;
}

/** API group of the event API: `event.toolkit.fluxcd.io/<key>` annotations and metadata. */
export const EVENT_GROUP = 'event.toolkit.fluxcd.io';

/** Metadata keys controllers emit, under `<api group>/` (fluxcd/pkg apis/event/v1beta1). */
export const MetaKey = {
  revision: 'revision',
  originRevision: 'originRevision',
  checksum: 'checksum',
  digest: 'digest',
  token: 'token',
  commit: 'commit',
  commitStatus: 'commit_status',
  changeRequest: 'change_request',
} as const;

/** The value of `<group>/commit_status` that marks a commit status update. */
export const COMMIT_STATUS_UPDATE = 'update';

/** The API group of the event's object (`kustomize.toolkit.fluxcd.io`; '' for core). Pure. */
export function objectGroup(event: Pick<FluxEvent, 'involvedObject'>): string {
  const apiVersion = event.involvedObject.apiVersion;
  return apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
}

/** `Kind/namespace/name`, as notification-controller names an event's object. Pure. */
export function involvedObjectString(event: Pick<FluxEvent, 'involvedObject'>): string {
  const o = event.involvedObject;
  return `${o.kind}/${o.namespace}/${o.name}`;
}

/** `<lower kind>/<name>.<namespace>`, the title most chat providers use. Pure. */
export function objectTitle(event: Pick<FluxEvent, 'involvedObject'>): string {
  const o = event.involvedObject;
  return `${o.kind.toLowerCase()}/${o.name}.${o.namespace}`;
}

/**
 * The event as Go marshals `eventv1.Event`: fields in declared order, the ObjectReference's
 * empty fields and an empty metadata map omitted, metadata keys sorted. Pure.
 */
export function eventJson(event: FluxEvent): string {
  const o = event.involvedObject;
  const ref: Record<string, string> = {};
  for (const [key, value] of [
    ['kind', o.kind],
    ['namespace', o.namespace],
    ['name', o.name],
    ['uid', o.uid],
    ['apiVersion', o.apiVersion],
    ['resourceVersion', o.resourceVersion],
  ] as const)
    if (value) ref[key] = value;
  return goMarshal({
    involvedObject: ref,
    severity: event.severity,
    timestamp: event.timestamp,
    message: event.message,
    reason: event.reason,
    ...(event.metadata && Object.keys(event.metadata).length > 0 ? { metadata: goMap(event.metadata) } : {}),
    reportingController: event.reportingController,
    ...(event.reportingInstance ? { reportingInstance: event.reportingInstance } : {}),
  });
}

/** Go's `time.Time.String()` of an instant in UTC: `2026-05-01 07:26:19.123456789 +0000 UTC`. Pure. */
export function goTimeString(date: Date): string {
  const iso = date.toISOString(); // 2026-05-01T07:26:19.123Z
  const millis = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${millis ? `.${millis}` : ''} +0000 UTC`;
}
