import type { EventDto } from './events.js';

/** An Alert whose event sources cover an object: its events go to the Alert's Provider. */
export interface AlertCoverageDto {
  id: string;
  providerId?: string;
  /** `info` sends every event, `error` only errors. */
  severity: 'info' | 'error';
  suspended: boolean;
  /** The Alert has inclusion/exclusion lists: some messages are filtered out. */
  filtered: boolean;
}

/** One notification a Provider sent or failed to send, as Tideline's engine recorded it. */
export interface ProviderDeliveryDto {
  at: string;
  outcome: 'Succeeded' | 'Failed';
  /** `<Kind>/<namespace>/<name>` of the object the event was about. */
  subject: string;
  /** The Alert that routed it. */
  alertId: string;
  /** Why it failed: the token masked, URL credentials redacted. */
  message?: string;
}

/** One call to a Receiver's webhook. */
export interface ReceiverCallDto {
  at: string;
  /** The HTTP status answered. */
  status: number;
  accepted: boolean;
  /** How many objects were annotated to reconcile. */
  annotated: number;
}

/** Providers' deliveries and errors, Receivers' calls (newest first, bounded). */
export interface NotificationLogDto {
  /** Seen while this server ran (the engine's status keeps only the last). */
  deliveries: ProviderDeliveryDto[];
  calls: ReceiverCallDto[];
  /** `NotificationDispatchFailed` Events on the Alerts routing to this Provider. */
  errors: EventDto[];
}
