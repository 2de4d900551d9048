import { createHash } from 'node:crypto';
import { EVENT_GROUP, MetaKey, objectGroup, type FluxEvent } from './event.js';

/**
 * The event server's metadata steps (notification-controller internal/server): which keys
 * survive, the dedup key, and how Alert metadata is combined. Pure.
 */

/**
 * Step 2: keeps only `event.toolkit.fluxcd.io/*` and `<object group>/*` keys, minus the
 * object group's `checksum` and `digest` (compared case-insensitively, as Flux does).
 */
export function cleanupMetadata(event: FluxEvent): FluxEvent {
  const group = `${objectGroup(event)}/`;
  const excluded = [`${group}${MetaKey.checksum}`, `${group}${MetaKey.digest}`].map((k) => k.toLowerCase());
  const metadata: Record<string, string> = {};
  for (const [key, value] of Object.entries(event.metadata ?? {})) {
    if (excluded.includes(key.toLowerCase())) continue;
    if (key.startsWith(`${EVENT_GROUP}/`) || key.startsWith(group)) metadata[key] = value;
  }
  return { ...event, metadata };
}

/**
 * Step 3's key: hex sha256 of `event/name=…/namespace=…/kind=…/message=…` plus the object
 * group's originRevision, revision and token when present (in that order).
 */
export function eventKey(event: FluxEvent): string {
  const o = event.involvedObject;
  const parts = [
    'event',
    `name=${o.name}`,
    `namespace=${o.namespace}`,
    `kind=${o.kind}`,
    `message=${event.message}`,
  ];
  const group = objectGroup(event);
  for (const key of [MetaKey.originRevision, MetaKey.revision, MetaKey.token]) {
    const value = event.metadata?.[`${group}/${key}`];
    if (value !== undefined) parts.push(`${key}=${value}`);
  }
  return createHash('sha256').update(parts.join('/')).digest('hex');
}

/** Step 4: drops `<object group>/token`, which only serves the dedup key. */
export function excludeInternalMetadata(event: FluxEvent): FluxEvent {
  if (!event.metadata) return event;
  const metadata = { ...event.metadata };
  delete metadata[`${objectGroup(event)}/${MetaKey.token}`];
  return { ...event, metadata };
}

/** Where a combined metadata key came from, as Flux words it in the conflict event. */
const SOURCE = {
  eventGroup: 'involved object annotations',
  alertMetadata: 'Alert object .spec.eventMetadata',
  alertSummary: 'Alert object .spec.summary',
  objectGroup: 'involved object controller metadata',
} as const;

/** The message of the `MetadataAppendFailed` event. */
export const METADATA_CONFLICT_MESSAGE =
  'metadata key conflicts detected (please refer to the Alert API docs and Flux RFC 0008 for more information)';

/** The result of {@link combineEventMetadata}. */
export interface CombinedMetadata {
  event: FluxEvent;
  /** Conflicting key → its sources joined by `, ` (the annotations of the conflict event). */
  conflicts: Record<string, string>;
}

/**
 * Step 7 (Flux RFC 0008), lowest to highest precedence: `event.toolkit.fluxcd.io/*` (prefix
 * stripped), the Alert's `eventMetadata`, its `summary` (key `summary`), then the object
 * group's keys (prefix stripped). Keys set by more than one source are conflicts.
 */
export function combineEventMetadata(
  event: FluxEvent,
  alert: { eventMetadata?: Record<string, string>; summary?: string },
): CombinedMetadata {
  // Maps, not objects: keys are tenant input, and `__proto__` is an ordinary key in Go.
  const metadata = new Map<string, string>();
  const sources = new Map<string, string[]>();
  const put = (key: string, value: string, source: string): void => {
    metadata.set(key, value);
    sources.set(key, [...(sources.get(key) ?? []), source]);
  };
  const eventPrefix = `${EVENT_GROUP}/`;
  const groupPrefix = `${objectGroup(event)}/`;
  for (const [k, v] of Object.entries(event.metadata ?? {}))
    if (k.startsWith(eventPrefix)) put(k.slice(eventPrefix.length), v, SOURCE.eventGroup);
  for (const [k, v] of Object.entries(alert.eventMetadata ?? {})) put(k, v, SOURCE.alertMetadata);
  if (alert.summary) put('summary', alert.summary, SOURCE.alertSummary);
  for (const [k, v] of Object.entries(event.metadata ?? {}))
    if (k.startsWith(groupPrefix)) put(k.slice(groupPrefix.length), v, SOURCE.objectGroup);
  const conflicts = Object.fromEntries(
    [...sources.keys()]
      .sort()
      .flatMap((key) =>
        (sources.get(key)?.length ?? 0) > 1 ? [[key, (sources.get(key) ?? []).join(', ')]] : [],
      ),
  ) as Record<string, string>;
  return {
    event: metadata.size > 0 ? { ...event, metadata: Object.fromEntries(metadata) } : event,
    conflicts,
  };
}

/** Whether the event is a commit status update (`<object group>/commit_status: update`). */
export function isCommitStatusUpdate(event: FluxEvent): boolean {
  return event.metadata?.[`${objectGroup(event)}/${MetaKey.commitStatus}`] === 'update';
}

/** Whether the event carries `event.toolkit.fluxcd.io/commit`. */
export function hasCommitKey(event: FluxEvent): boolean {
  return Boolean(event.metadata?.[`${EVENT_GROUP}/${MetaKey.commit}`]);
}

/** Whether the event carries `event.toolkit.fluxcd.io/change_request`. */
export function hasChangeRequestKey(event: FluxEvent): boolean {
  return Boolean(event.metadata?.[`${EVENT_GROUP}/${MetaKey.changeRequest}`]);
}
