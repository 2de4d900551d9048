import type { Alert, Provider, ProviderDelivery } from '../api/notification-v1beta3.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import { crossNamespaceDenial, matchAlert, needsObjectLabels, type ObjectLabels } from './alert-matching.js';
import { commitStatusFromExpression, defaultCommitStatus } from './commit-status.js';
import { DeliveryQueue } from './delivery-queue.js';
import { involvedObjectString, type FluxEvent } from './event.js';
import { PatternCache, type PatternCompiler } from './message-patterns.js';
import {
  cleanupMetadata,
  combineEventMetadata,
  eventKey,
  excludeInternalMetadata,
  METADATA_CONFLICT_MESSAGE,
} from './metadata.js';
import { notifierOptions, type ProviderSecrets, type SecretData } from './notifier-config.js';
import { isCommitStatusProvider, routeToProvider } from './provider-routing.js';
import {
  notifierFor,
  type Notifier,
  type NotifierOptions,
  type RetryPolicy,
  type ServiceEndpoints,
} from './providers/index.js';
import { EventRateLimiter } from './rate-limit.js';
import { maskToken } from './mask-token.js';
import { parseDuration } from '../runtime/duration.js';
import { timerDelay } from '../runtime/timer-delay.js';

/** What the dispatcher reads and writes in the cluster. */
export interface DispatcherDeps {
  /** Every Alert of the cluster (the informer's list). */
  alerts(): readonly Alert[];
  provider(namespace: string, name: string): Promise<Provider | undefined>;
  /** A Secret's decoded data; rejects with Flux's `failed to get secret '<ns>/<name>': …`. */
  secret(namespace: string, name: string): Promise<SecretData>;
  /** The live labels of the event's object, null when it cannot be read. */
  objectLabels(event: FluxEvent): Promise<ObjectLabels>;
  /** notification-controller's own recorder (its events are never forwarded). */
  recorder: EventRecorder;
  /** Records a Provider's last delivery for the dashboard; best effort. */
  recordDelivery(provider: Provider, delivery: ProviderDelivery): Promise<void>;
  log(level: 'info' | 'error', message: string): void;
}

/** Tuning, every default Flux's. */
export interface DispatcherOptions {
  /** `--rate-limit-interval` (default 5 min). */
  rateLimitIntervalMs: number;
  /** `--no-cross-namespace-refs`. */
  noCrossNamespaceRefs: boolean;
  /** Deliveries waiting beyond this many are dropped (default 1000). */
  queueCapacity: number;
  /** Deliveries in flight at once (default 8). */
  concurrency: number;
  retry: RetryPolicy;
  endpoints: ServiceEndpoints;
  compilePattern: PatternCompiler;
  now(): number;
}

/** Provider `timeout` default (notification-controller GetTimeout). */
const DEFAULT_PROVIDER_TIMEOUT_MS = 15_000;

/**
 * The event server of notification-controller, inside the engine: every controller's
 * recorder forwards its events here. `forward` only cleans, dedups and queues — it never
 * blocks or throws — and the pipeline (§6.5 steps 4–8) runs off the reconcile path.
 */
export class NotificationDispatcher {
  private readonly limiter: EventRateLimiter;
  private readonly patterns: PatternCache;
  private readonly queue: DeliveryQueue;

  constructor(
    private readonly deps: DispatcherDeps,
    private readonly options: DispatcherOptions,
  ) {
    this.limiter = new EventRateLimiter(options.rateLimitIntervalMs);
    this.patterns = new PatternCache(options.compilePattern);
    this.queue = new DeliveryQueue(options.queueCapacity, options.concurrency, (dropped) =>
      deps.log(
        'error',
        `notification queue full (${options.queueCapacity}): ${dropped} deliveries dropped so far`,
      ),
    );
  }

  /** Hands an event over (steps 2–3 synchronously); false when it was a duplicate or dropped. */
  forward(raw: FluxEvent): boolean {
    if (raw.severity === 'trace') return false;
    const event = cleanupMetadata(raw);
    if (!this.limiter.take(eventKey(event), this.options.now())) return false;
    return this.queue.push(() => this.dispatch(excludeInternalMetadata(event)));
  }

  /** Queue state: the cap, what waits and runs, and drops. */
  stats(): { capacity: number; waiting: number; running: number; dropped: number } {
    return { capacity: this.options.queueCapacity, ...this.queue.stats() };
  }

  /** Resolves once every queued event was matched and every send finished. */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Steps 5–6: matching Alerts, then one send per Alert. */
  private async dispatch(event: FluxEvent): Promise<void> {
    const alerts = this.deps.alerts();
    let labels: ObjectLabels | undefined;
    if (alerts.some((a) => needsObjectLabels(a, event))) labels = await this.deps.objectLabels(event);
    for (const alert of alerts) {
      const match = matchAlert(alert, event, labels, this.patterns);
      for (const warning of match.warnings)
        await this.deps.recorder.record(alert, 'Warning', warning.reason, warning.message);
      if (!match.matched) continue;
      await this.dispatchToAlert(alert, event).catch((error: unknown) =>
        this.deps.recorder.record(
          alert,
          'Warning',
          'NotificationDispatchFailed',
          `failed to dispatch notification for ${involvedObjectString(event)}: ${(error as Error).message}`,
        ),
      );
    }
  }

  private async dispatchToAlert(alert: Alert, event: FluxEvent): Promise<void> {
    const namespace = alert.metadata.namespace ?? '';
    const denial = crossNamespaceDenial(alert, event, this.options.noCrossNamespaceRefs);
    if (denial) throw new Error(denial);
    const ref = alert.spec.providerRef.name;
    const provider = await this.deps.provider(namespace, ref);
    if (!provider)
      throw new Error(`failed to read provider: Provider.notification.toolkit.fluxcd.io "${ref}" not found`);
    if (routeToProvider(provider.spec, event)) return;
    const combined = combineEventMetadata(event, alert.spec);
    if (Object.keys(combined.conflicts).length > 0)
      await this.deps.recorder.record(
        alert,
        'Warning',
        'MetadataAppendFailed',
        METADATA_CONFLICT_MESSAGE,
        combined.conflicts,
      );
    const commitStatus = isCommitStatusProvider(provider.spec.type)
      ? provider.spec.commitStatusExpr
        ? commitStatusFromExpression(provider.spec.commitStatusExpr, {
            event: combined.event,
            alert,
            provider,
          })
        : defaultCommitStatus(provider.metadata.uid ?? '', combined.event)
      : undefined;
    const secrets = await this.readSecrets(provider);
    let notifier: Notifier;
    let options: NotifierOptions;
    try {
      options = notifierOptions(provider, secrets, { commitStatus, endpoints: this.options.endpoints });
      notifier = notifierFor(provider.spec.type)(options);
    } catch (error) {
      throw new Error(
        `failed to initialize notifier for provider '${provider.metadata.name}': failed to initialize notifier: ${(error as Error).message}`,
      );
    }
    await this.send(alert, provider, combined.event, notifier, options);
  }

  private async readSecrets(provider: Provider): Promise<ProviderSecrets> {
    const ns = provider.metadata.namespace ?? '';
    const { secretRef, proxySecretRef, certSecretRef } = provider.spec;
    return {
      ...(secretRef ? { secret: await this.deps.secret(ns, secretRef.name) } : {}),
      ...(proxySecretRef ? { proxySecret: await this.deps.secret(ns, proxySecretRef.name) } : {}),
      ...(certSecretRef ? { certSecret: await this.deps.secret(ns, certSecretRef.name) } : {}),
    };
  }

  /** Step 8: the send, bounded by the Provider's timeout; failures are events with the token masked. */
  private async send(
    alert: Alert,
    provider: Provider,
    event: FluxEvent,
    notifier: Notifier,
    options: NotifierOptions,
  ): Promise<void> {
    const timeoutMs = provider.spec.timeout
      ? parseDuration(provider.spec.timeout)
      : DEFAULT_PROVIDER_TIMEOUT_MS;
    const signal = AbortSignal.timeout(timerDelay(timeoutMs));
    const token = options.token ?? '';
    const delivery: ProviderDelivery = {
      time: new Date(this.options.now()).toISOString(),
      result: 'Succeeded',
      event: involvedObjectString(event),
      alert: `${alert.metadata.namespace ?? ''}/${alert.metadata.name}`,
    };
    try {
      await notifier.post(event, {
        signal,
        proxyUrl: options.proxyUrl,
        tls: options.tls,
        retry: this.options.retry,
      });
    } catch (error) {
      const message = maskToken((error as Error).message, token);
      delivery.result = 'Failed';
      delivery.message = message;
      await this.deps.recorder.record(
        alert,
        'Warning',
        'NotificationDispatchFailed',
        `failed to send notification for ${involvedObjectString(event)}: ${message}`,
      );
    }
    await this.deps.recordDelivery(provider, delivery).catch(() => undefined);
  }
}
