import { redactUrlCredentials } from '@tideline/core';
import type { EventDto, NotificationLogDto, ProviderDeliveryDto, ReceiverCallDto } from '../api/dto.js';
import { objectId, type FluxResource } from './to-dto.js';

/** Deliveries or calls kept per Provider/Receiver, newest last. */
export const NOTIFICATION_LOG_PER_OBJECT = 20;

/** Flux's reason for a failed send, written on the Alert that routed it. */
export const DISPATCH_FAILED_REASON = 'NotificationDispatchFailed';

type Entry = { kind: 'delivery'; dto: ProviderDeliveryDto } | { kind: 'call'; dto: ReceiverCallDto };

/** `status.lastDelivery` as the dispatcher writes it (core `ProviderDelivery`). */
interface DeliveryView {
  time?: unknown;
  result?: unknown;
  event?: unknown;
  alert?: unknown;
  message?: unknown;
}

/** `status.lastRequest` as the receiver gateway writes it (core `ReceiverHit`). */
interface HitView {
  time?: unknown;
  status?: unknown;
  annotated?: unknown;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * The last delivery a Provider's status records, or the last call a Receiver's does, as a
 * row; undefined for other kinds or when there is none yet. The dispatcher already masked the
 * token; URL credentials are redacted here too, so an address never shows its userinfo. Pure.
 */
export function lastNotification(obj: FluxResource): Entry | undefined {
  const status = obj.status as { lastDelivery?: DeliveryView; lastRequest?: HitView } | undefined;
  if (obj.kind === 'Provider' && status?.lastDelivery && text(status.lastDelivery.time)) {
    const d = status.lastDelivery;
    const [alertNs = '', alertName = ''] = text(d.alert).split('/');
    const message = text(d.message);
    return {
      kind: 'delivery',
      dto: {
        at: text(d.time),
        outcome: d.result === 'Failed' ? 'Failed' : 'Succeeded',
        subject: text(d.event),
        alertId: objectId('Alert', alertNs, alertName),
        ...(message ? { message: redactUrlCredentials(message) } : {}),
      },
    };
  }
  if (obj.kind === 'Receiver' && status?.lastRequest && text(status.lastRequest.time)) {
    const hit = status.lastRequest;
    const code = typeof hit.status === 'number' ? hit.status : 0;
    return {
      kind: 'call',
      dto: {
        at: text(hit.time),
        status: code,
        accepted: code >= 200 && code < 300,
        annotated: typeof hit.annotated === 'number' ? hit.annotated : 0,
      },
    };
  }
  return undefined;
}

/**
 * `NotificationDispatchFailed` Events on the Alerts that route to a Provider, newest first:
 * Flux's own record of failed sends, kept by the cluster across restarts of this server. Pure.
 */
export function dispatchErrors(
  provider: FluxResource,
  alerts: readonly FluxResource[],
  eventsOf: (id: string) => readonly EventDto[],
): EventDto[] {
  const namespace = provider.metadata.namespace ?? '';
  return alerts
    .filter(
      (a) =>
        (a.metadata.namespace ?? '') === namespace &&
        (a.spec?.providerRef as { name?: string } | undefined)?.name === provider.metadata.name,
    )
    .flatMap((a) => eventsOf(objectId('Alert', namespace, a.metadata.name)))
    .filter((e) => e.reason === DISPATCH_FAILED_REASON)
    .map((e) => ({ ...e, message: redactUrlCredentials(e.message) }))
    .sort((a, b) => ((a.lastTimestamp ?? '') < (b.lastTimestamp ?? '') ? 1 : -1))
    .slice(0, NOTIFICATION_LOG_PER_OBJECT);
}

/**
 * Every delivery and webhook call this server saw recorded: Tideline's engine keeps only the
 * last one in status, so each change the watch brings is kept here, bounded per object and
 * dropped with the object. History starts when this server does.
 */
export class NotificationLog {
  private readonly byObject = new Map<string, Entry[]>();

  /** Records the object's last delivery or call when it is new. */
  record(obj: FluxResource): void {
    const entry = lastNotification(obj);
    if (!entry) return;
    const id = objectId(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name);
    const list = this.byObject.get(id) ?? [];
    const last = list.at(-1);
    // Any other status write (a condition, a resync) brings the same last entry again.
    if (last && JSON.stringify(last) === JSON.stringify(entry)) return;
    list.push(entry);
    if (list.length > NOTIFICATION_LOG_PER_OBJECT) list.splice(0, list.length - NOTIFICATION_LOG_PER_OBJECT);
    this.byObject.set(id, list);
  }

  /** A Provider's deliveries and a Receiver's calls, newest first. */
  forObject(id: string): Pick<NotificationLogDto, 'deliveries' | 'calls'> {
    const list = [...(this.byObject.get(id) ?? [])].reverse();
    return {
      deliveries: list.flatMap((e) => (e.kind === 'delivery' ? [e.dto] : [])),
      calls: list.flatMap((e) => (e.kind === 'call' ? [e.dto] : [])),
    };
  }

  /** Forgets an object (it was deleted). */
  drop(id: string): void {
    this.byObject.delete(id);
  }
}
