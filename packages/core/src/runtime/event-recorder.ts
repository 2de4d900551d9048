import type { FluxEvent } from '../notify/event.js';
import { redactUrlCredentials } from './redact.js';

/** A core/v1 Event as the recorder writes it. */
export interface CoreEvent {
  apiVersion: 'v1';
  kind: 'Event';
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  involvedObject: {
    apiVersion: string;
    kind: string;
    name: string;
    namespace: string;
    uid?: string;
    resourceVersion?: string;
  };
  reason: string;
  message: string;
  type: 'Normal' | 'Warning';
  source: { component: string };
  firstTimestamp: string;
  lastTimestamp: string;
  count: number;
  reportingComponent: string;
  reportingInstance: string;
}

/** Where events are written (the Kubernetes API, through kube/). */
export interface EventSink {
  create(event: CoreEvent): Promise<void>;
  /** Bumps count/lastTimestamp of an existing event; false if it no longer exists. */
  update(namespace: string, name: string, patch: { count: number; lastTimestamp: string }): Promise<boolean>;
}

/** The object an event is about. */
export interface EventSubject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    annotations?: Record<string, string>;
  };
}

/**
 * Receives every event a controller records, as Flux's recorder POSTs them to `--events-addr`:
 * the notification dispatcher. Must not block or throw.
 */
export type EventForwarder = (event: FluxEvent) => void;

/** `Trace` events are written as Normal core/v1 Events but never forwarded (fluxcd/pkg events). */
export type RecordedEventType = 'Normal' | 'Warning' | 'Trace';

/** Object annotations with this prefix are copied into every event's metadata. */
const EVENT_ANNOTATION_PREFIX = 'event.toolkit.fluxcd.io/';

/** Flux caps event messages; the Event API rejects very long ones. */
const MAX_EVENT_MESSAGE = 39000;
/** client-go aggregates identical events seen within this window. */
const AGGREGATION_WINDOW_MS = 10 * 60_000;

/**
 * Records core/v1 Events the way Flux's recorder does: source component = controller name,
 * annotations = event metadata, and repeated identical events bump `count` instead of piling up.
 */
export class EventRecorder {
  private readonly seen = new Map<string, { name: string; namespace: string; count: number; at: number }>();

  constructor(
    private readonly sink: EventSink,
    private readonly component: string,
    private readonly onError: (error: unknown) => void = () => {},
    /** `reportingInstance`: which engine wrote the event (its leader-election identity). */
    private readonly instance: string = component,
    private readonly forward?: EventForwarder,
  ) {}

  /** Records an event; never throws (events are best effort, as in Kubernetes). */
  async record(
    subject: EventSubject,
    recordedType: RecordedEventType,
    reason: string,
    message: string,
    inputMetadata?: Record<string, string>,
  ): Promise<void> {
    const type = recordedType === 'Trace' ? 'Normal' : recordedType;
    const namespace = subject.metadata.namespace ?? 'default';
    const safe = redactUrlCredentials(message);
    const text = safe.length > MAX_EVENT_MESSAGE ? `${safe.slice(0, MAX_EVENT_MESSAGE - 3)}...` : safe;
    const metadata = withEventAnnotations(subject, inputMetadata);
    if (recordedType !== 'Trace') this.forwardEvent(subject, recordedType, reason, text, metadata);
    const key = [subject.kind, namespace, subject.metadata.name, type, reason, text].join('\u0000');
    const now = new Date();
    const stamp = `${now.toISOString().slice(0, 19)}Z`;
    try {
      const previous = this.seen.get(key);
      if (previous && now.getTime() - previous.at < AGGREGATION_WINDOW_MS) {
        previous.count += 1;
        previous.at = now.getTime();
        if (
          await this.sink.update(previous.namespace, previous.name, {
            count: previous.count,
            lastTimestamp: stamp,
          })
        )
          return;
      }
      const name = `${subject.metadata.name}.${(now.getTime() * 1e6 + Math.floor(Math.random() * 1e6)).toString(16)}`;
      await this.sink.create({
        apiVersion: 'v1',
        kind: 'Event',
        metadata: {
          name,
          namespace,
          ...(metadata && Object.keys(metadata).length > 0 ? { annotations: metadata } : {}),
        },
        involvedObject: {
          apiVersion: subject.apiVersion,
          kind: subject.kind,
          name: subject.metadata.name,
          namespace,
          uid: subject.metadata.uid,
          resourceVersion: subject.metadata.resourceVersion,
        },
        reason,
        message: text,
        type,
        source: { component: this.component },
        firstTimestamp: stamp,
        lastTimestamp: stamp,
        count: 1,
        reportingComponent: this.component,
        reportingInstance: this.instance,
      });
      this.seen.set(key, { name, namespace, count: 1, at: now.getTime() });
      if (this.seen.size > 5000) this.seen.delete(this.seen.keys().next().value ?? '');
    } catch (error) {
      this.onError(error);
    }
  }

  /** The Flux event payload (§6.1), handed to the forwarder; only for namespaced objects of a kind. */
  private forwardEvent(
    subject: EventSubject,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
    metadata: Record<string, string> | undefined,
  ): void {
    if (!this.forward || !subject.kind || !subject.metadata.name || !subject.metadata.namespace) return;
    try {
      this.forward({
        involvedObject: {
          kind: subject.kind,
          namespace: subject.metadata.namespace,
          name: subject.metadata.name,
          uid: subject.metadata.uid,
          apiVersion: subject.apiVersion,
          resourceVersion: subject.metadata.resourceVersion,
        },
        severity: type === 'Warning' ? 'error' : 'info',
        timestamp: `${new Date().toISOString().slice(0, 19)}Z`,
        message,
        reason,
        ...(metadata ? { metadata } : {}),
        reportingController: this.component,
        reportingInstance: this.instance,
      });
    } catch (error) {
      this.onError(error);
    }
  }
}

/** The event's metadata plus the object's `event.toolkit.fluxcd.io/*` annotations. Pure. */
function withEventAnnotations(
  subject: EventSubject,
  input: Record<string, string> | undefined,
): Record<string, string> | undefined {
  let metadata = input ? { ...input } : undefined;
  for (const [key, value] of Object.entries(subject.metadata.annotations ?? {})) {
    if (key.startsWith(EVENT_ANNOTATION_PREFIX)) (metadata ??= {})[key] = value;
  }
  return metadata;
}
