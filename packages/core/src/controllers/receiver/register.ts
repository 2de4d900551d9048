import { RECEIVER_API_VERSION, ReceiverKind, type Receiver } from '../../api/notification-v1.js';
import type { EngineOptions } from '../../engine-options.js';
import type { KubeObject } from '../../kube/objects.js';
import { cachedJwks } from '../../notify/google-id-token.js';
import type { EngineManager, RegisterKind } from '../engine-services.js';
import { NOTIFICATION_CONTROLLER, secretData } from '../notification/dispatch-setup.js';
import { createReceiverGateway, type ReceiverGateway } from './gateway.js';
import { ReceiverReconciler } from './reconciler.js';

/** Google's ID-token signing keys (gcr receivers). */
export const GOOGLE_JWKS_URL = 'https://www.googleapis.com/oauth2/v3/certs';

function secretReader(manager: EngineManager) {
  return async (namespace: string, name: string): Promise<Readonly<Record<string, string>>> => {
    const secret = await manager.services.resources.get({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace,
      name,
    });
    if (!secret) throw new Error(`secrets "${name}" not found`);
    return secretData(secret);
  };
}

/** Receiver: its reconciler (publishes the webhook path). */
export const registerReceiver: RegisterKind = (manager) => {
  manager.add({
    kind: ReceiverKind,
    reconciler: new ReceiverReconciler({
      resources: manager.services.resources,
      events: manager.services.recorder(NOTIFICATION_CONTROLLER, { forward: false }),
      secret: secretReader(manager),
    }),
  });
};

/** The `/hook/…` endpoint logic the server calls; Receivers come from the shared informer. */
export function receiverGatewayFor(manager: EngineManager, options: EngineOptions): ReceiverGateway {
  const jwksUrl = options.notifications?.googleJwksUrl ?? GOOGLE_JWKS_URL;
  return createReceiverGateway({
    receivers: manager.informer<Receiver & KubeObject>(RECEIVER_API_VERSION, 'Receiver'),
    resources: manager.services.resources,
    secret: secretReader(manager),
    noCrossNamespaceRefs: options.notifications?.noCrossNamespaceRefs ?? false,
    log: manager.services.log,
    jwks: cachedJwks(jwksUrl),
  });
}
