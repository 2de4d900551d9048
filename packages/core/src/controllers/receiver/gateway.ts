import { createHash } from 'node:crypto';
import { RECEIVER_API_VERSION, type Receiver, type ReceiverHit } from '../../api/notification-v1.js';
import { RECONCILE_REQUESTED_ANNOTATION } from '../../api/meta.js';
import type { Informer } from '../../kube/informer.js';
import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { goTimeString } from '../../notify/event.js';
import type { JwksSource } from '../../notify/google-id-token.js';
import { verifyReceiverRequest, type ReceiverRequest } from '../../notify/receiver-verify.js';
import type { Logger } from '../../runtime/controller.js';
import { celRequest, receiverTargets, type ReceiverTarget } from './receiver-targets.js';
import { RECEIVER_MANAGER } from './reconciler.js';

/** A webhook call, as the server hands it over (path without query, lower-case headers, the capped body). */
export interface WebhookCall extends ReceiverRequest {
  path: string;
}

/** What the server answers: Flux's status codes (404 unknown path, 503 suspended or not ready, 400 not verified). */
export interface WebhookAnswer {
  status: number;
  /** How many objects were annotated. */
  annotated: number;
}

/** The Receiver endpoint of the engine; the server serves `/hook/…` on its own port and calls it. */
export interface ReceiverGateway {
  handle(call: WebhookCall): Promise<WebhookAnswer>;
}

/** What the gateway needs. */
export interface ReceiverGatewayDeps {
  receivers: Informer<Receiver & KubeObject>;
  resources: Resources;
  secret(namespace: string, name: string): Promise<Readonly<Record<string, string>>>;
  jwks: JwksSource;
  noCrossNamespaceRefs: boolean;
  log: Logger;
  now?: () => Date;
}

type TargetObject = KubeObject;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * notification-controller's receiver handler: finds the Receiver by its path, verifies the call
 * for its type, and merge-patches `reconcile.fluxcd.io/requestedAt: <Go time.String()>` on every
 * resource the (CEL-filtered) spec names. The last call is recorded on the Receiver's status.
 */
export function createReceiverGateway(deps: ReceiverGatewayDeps): ReceiverGateway {
  const lastRecorded = new Map<string, number>();
  const record = async (receiver: Receiver & KubeObject, hit: ReceiverHit): Promise<void> => {
    const key = `${receiver.metadata.namespace}/${receiver.metadata.name}`;
    // A flood must not turn into a flood of status writes: one per second per Receiver at most.
    if (Date.now() - (lastRecorded.get(key) ?? 0) < 1000) return;
    lastRecorded.set(key, Date.now());
    await deps.resources
      .patchStatus(
        {
          apiVersion: RECEIVER_API_VERSION,
          kind: 'Receiver',
          namespace: receiver.metadata.namespace,
          name: receiver.metadata.name,
        },
        { lastRequest: hit },
        RECEIVER_MANAGER,
      )
      .catch(() => undefined);
  };
  return {
    async handle(call) {
      // Compared as digests: how far a guessed path matches a real one changes nothing measurable.
      const digest = sha256(call.path);
      const receiver = deps.receivers
        .list()
        .find((r) => r.status?.webhookPath && sha256(r.status.webhookPath) === digest);
      if (!receiver) return { status: 404, annotated: 0 };
      const answer = await serve(deps, receiver, call);
      await record(receiver, {
        time: (deps.now?.() ?? new Date()).toISOString(),
        status: answer.status,
        annotated: answer.annotated,
      });
      return answer;
    },
  };
}

async function serve(
  deps: ReceiverGatewayDeps,
  receiver: Receiver & KubeObject,
  call: WebhookCall,
): Promise<WebhookAnswer> {
  const namespace = receiver.metadata.namespace ?? 'default';
  const who = `Receiver ${namespace}/${receiver.metadata.name}`;
  const ready = receiver.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  if (receiver.spec.suspend || !ready) {
    deps.log(
      'error',
      `${who}: unable to process request: receiver is ${receiver.spec.suspend ? 'suspended' : 'not ready'}`,
    );
    return { status: 503, annotated: 0 };
  }
  let targets: ReceiverTarget[];
  try {
    const secret = receiver.spec.secretRef ? await deps.secret(namespace, receiver.spec.secretRef.name) : {};
    const verified = await verifyReceiverRequest(
      { type: receiver.spec.type, events: receiver.spec.events, secret },
      call,
      deps.jwks,
    );
    if (!verified.ok) {
      deps.log('error', `${who}: unable to validate payload: ${verified.message}`);
      return { status: 400, annotated: 0 };
    }
  } catch (error) {
    deps.log('error', `${who}: unable to validate payload: ${(error as Error).message}`);
    return { status: 400, annotated: 0 };
  }
  try {
    const hasFilters = Boolean(receiver.spec.resourceFilter) || receiver.spec.resources.some((r) => r.filter);
    const req = hasFilters ? celRequest(call.headers['content-type'], call.body) : {};
    targets = receiverTargets({ namespace, spec: receiver.spec }, req, deps.noCrossNamespaceRefs);
  } catch (error) {
    deps.log('error', `${who}: unable to create resource filters: ${(error as Error).message}`);
    return { status: 500, annotated: 0 };
  }
  let annotated = 0;
  let failed = false;
  for (const target of targets) {
    try {
      annotated += await annotateTarget(deps, target);
    } catch (error) {
      deps.log('error', `${who}: unable to request reconciliation: ${(error as Error).message}`);
      failed = true;
    }
  }
  return { status: failed ? 500 : 200, annotated };
}

async function annotateTarget(deps: ReceiverGatewayDeps, target: ReceiverTarget): Promise<number> {
  const objects: TargetObject[] = [];
  if (target.name !== undefined) {
    const obj = await deps.resources.get({
      apiVersion: target.apiVersion,
      kind: target.kind,
      namespace: target.namespace,
      name: target.name,
    });
    if (!obj)
      throw new Error(`unable to read ${target.kind} "${target.namespace}/${target.name}" error: not found`);
    objects.push(obj);
  } else {
    const list = await deps.resources.list(target.apiVersion, target.kind, {
      namespace: target.namespace,
      labelSelector: target.labelSelector,
    });
    if (list.items.length === 0)
      deps.log(
        'error',
        `no "${target.kind}" resources found with matching labels "${target.labelSelector}" in "${target.namespace}" namespace`,
      );
    objects.push(...list.items);
  }
  let count = 0;
  for (const obj of objects) {
    const res = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: obj.metadata };
    if (!target.accept(JSON.parse(JSON.stringify(res)) as Record<string, unknown>)) continue;
    await deps.resources.mergePatch(
      {
        apiVersion: target.apiVersion,
        kind: target.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
      },
      {
        metadata: {
          annotations: { [RECONCILE_REQUESTED_ANNOTATION]: goTimeString(deps.now?.() ?? new Date()) },
        },
      },
      RECEIVER_MANAGER,
    );
    count += 1;
  }
  return count;
}
