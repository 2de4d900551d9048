import { NOTIFICATION_BETA_API_VERSION, type Alert, type Provider } from '../../api/notification-v1beta3.js';
import type { EngineOptions } from '../../engine-options.js';
import type { KubeObject } from '../../kube/objects.js';
import { NotificationDispatcher } from '../../notify/dispatcher.js';
import type { SecretData } from '../../notify/notifier-config.js';
import { DEFAULT_SERVICE_ENDPOINTS, FLUX_RETRY_POLICY } from '../../notify/providers/index.js';
import { compileGoRegexp } from '../../regex/index.js';
import type { EngineManager } from '../engine-services.js';

/** The component name of notification-controller's own events (on Alerts and Receivers). */
export const NOTIFICATION_CONTROLLER = 'notification-controller';

/** Decodes a Secret's `data` (and `stringData`, which a read never returns but tests may hand in). */
export function secretData(secret: KubeObject & { data?: Record<string, string> }): SecretData {
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
}

/**
 * Builds the dispatcher every recorder forwards to: Alerts and Providers from shared
 * informers, Secrets and labels read live (Secrets are never cached), Alert events from
 * notification-controller's own recorder, deliveries recorded on the Provider's status.
 */
export function createDispatcher(manager: EngineManager, options: EngineOptions): NotificationDispatcher {
  const { resources, reader, log } = manager.services;
  const alerts = manager.informer<Alert & KubeObject>(NOTIFICATION_BETA_API_VERSION, 'Alert');
  manager.informer(NOTIFICATION_BETA_API_VERSION, 'Provider');
  const tuning = options.notifications ?? {};
  return new NotificationDispatcher(
    {
      alerts: () => alerts.list(),
      provider: (namespace, name) =>
        reader.get<Provider & KubeObject>({
          apiVersion: NOTIFICATION_BETA_API_VERSION,
          kind: 'Provider',
          namespace,
          name,
        }),
      secret: async (namespace, name) => {
        const secret = await resources
          .get({ apiVersion: 'v1', kind: 'Secret', namespace, name })
          .catch((error: unknown) => {
            throw new Error(`failed to get secret '${namespace}/${name}': ${(error as Error).message}`);
          });
        if (!secret)
          throw new Error(`failed to get secret '${namespace}/${name}': secrets "${name}" not found`);
        return secretData(secret);
      },
      objectLabels: async (event) => {
        const obj = await reader
          .get({
            apiVersion: event.involvedObject.apiVersion,
            kind: event.involvedObject.kind,
            namespace: event.involvedObject.namespace,
            name: event.involvedObject.name,
          })
          .catch(() => undefined);
        return obj ? (obj.metadata.labels ?? {}) : null;
      },
      recorder: manager.services.recorder(NOTIFICATION_CONTROLLER, { forward: false }),
      recordDelivery: async (provider, delivery) => {
        await resources.patchStatus(
          {
            apiVersion: provider.apiVersion,
            kind: 'Provider',
            namespace: provider.metadata.namespace,
            name: provider.metadata.name,
          },
          { lastDelivery: delivery },
          NOTIFICATION_CONTROLLER,
        );
      },
      log,
    },
    {
      rateLimitIntervalMs: tuning.rateLimitIntervalMs ?? 5 * 60_000,
      noCrossNamespaceRefs: tuning.noCrossNamespaceRefs ?? false,
      queueCapacity: tuning.queueCapacity ?? 1000,
      concurrency: tuning.concurrency ?? 8,
      retry: tuning.retry ?? FLUX_RETRY_POLICY,
      endpoints: { ...DEFAULT_SERVICE_ENDPOINTS, ...tuning.endpoints },
      compilePattern: tuning.compilePattern ?? compileGoRegexp,
      now: () => Date.now(),
    },
  );
}
