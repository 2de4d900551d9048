import type { FluxKind, ReadyState } from './objects.js';

/** The filters of the events page; absent means "all". Free text matches reason, message and object. */
export interface EventFilterDto {
  kind?: FluxKind;
  namespace?: string;
  name?: string;
  type?: 'Normal' | 'Warning';
  reason?: string;
  q?: string;
}

/** A page of the server's recent Events, newest first. */
export interface EventsPageDto {
  items: EventDto[];
  /** How many Events matched (items holds at most the page's limit). */
  matched: number;
  /** How many Events the server keeps, and its caps. */
  kept: number;
  limits: { perObject: number; total: number };
}

/** A core/v1 Event about a Flux object. */
export interface EventDto {
  uid: string;
  namespace: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `<Kind>/<name>` as `flux events` prints it. */
  object: string;
  objectId: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  source: string;
}

/** Something that happened to an object, for its timeline: a Ready transition or a new revision. */
export interface TransitionDto {
  at: string;
  type: 'condition' | 'revision' | 'history';
  title: string;
  detail: string;
  state?: ReadyState;
}
