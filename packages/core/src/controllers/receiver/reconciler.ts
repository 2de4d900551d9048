import { ConditionType, Reason } from '../../api/meta.js';
import type { Receiver } from '../../api/notification-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { compileCel } from '../../notify/cel-expression.js';
import {
  finalizeConditions,
  markReconciling,
  markStalled,
  markFalse,
  markTrue,
  isTrue,
} from '../../runtime/conditions.js';
import type { ReconcileRequest, ReconcileResult, Reconciler } from '../../runtime/controller.js';
import { formatDuration, parseDuration } from '../../runtime/duration.js';
import type { EventRecorder } from '../../runtime/event-recorder.js';
import {
  ensureFinalizer,
  recordHandledRequest,
  removeFinalizer,
  StatusPatcher,
  type FluxObject,
} from '../shared/flux-object.js';
import { webhookPath } from './receiver-path.js';

/** What the Receiver reconciler needs. */
export interface ReceiverReconcilerDeps {
  resources: Resources;
  events: EventRecorder;
  /** Reads a Secret's decoded data, or rejects with why. */
  secret(namespace: string, name: string): Promise<Readonly<Record<string, string>>>;
}

type Obj = Receiver & FluxObject & KubeObject;

/** Field owner of Receiver status patches. */
export const RECEIVER_MANAGER = 'notification-controller';

/** Flux's terminal-error prefix. */
const TERMINAL = 'Reconciliation failed terminally due to configuration error';

/**
 * Receiver (notification-controller's ReceiverReconciler): checks the CEL filters, reads the
 * token and publishes `status.webhookPath` with Ready=True `Receiver initialized for path: …`;
 * requeues every `spec.interval` (default 10m). `generic-oidc` is refused (not supported).
 */
export class ReceiverReconciler implements Reconciler {
  constructor(private readonly deps: ReceiverReconcilerDeps) {}

  async reconcile(request: ReconcileRequest): Promise<ReconcileResult> {
    const { resources, events } = this.deps;
    const ref = { apiVersion: 'notification.toolkit.fluxcd.io/v1', kind: 'Receiver', ...request };
    let obj = await resources.get<Obj>(ref);
    if (!obj) return {};
    if (obj.metadata.deletionTimestamp) {
      await removeFinalizer(resources, obj, RECEIVER_MANAGER);
      return {};
    }
    obj = await ensureFinalizer(resources, obj, RECEIVER_MANAGER);
    if (obj.spec.suspend) return {};
    const status = new StatusPatcher(resources, obj, RECEIVER_MANAGER);
    const intervalMs = parseDuration(obj.spec.interval ?? '10m');
    const finish = async (): Promise<void> => {
      recordHandledRequest(obj);
      if (isTrue(obj, ConditionType.Ready))
        obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
      finalizeConditions(obj);
      await status.patch();
    };
    const invalid = this.validate(obj);
    if (invalid) {
      const message = `${TERMINAL}: ${invalid.message}`;
      markFalse(obj, ConditionType.Ready, invalid.reason, message);
      markStalled(obj, invalid.reason, message);
      obj.status = { ...obj.status, observedGeneration: obj.metadata.generation };
      await finish();
      await events.record(obj, 'Warning', invalid.reason, message);
      return {};
    }
    markReconciling(obj, Reason.Progressing, 'Reconciliation in progress');
    const namespace = obj.metadata.namespace ?? 'default';
    const name = obj.spec.secretRef?.name ?? '';
    let token: string;
    try {
      const data = await this.deps.secret(namespace, name);
      if (data.token === undefined)
        throw new Error(`invalid '${namespace}/${name}' secret data: required fields 'token'`);
      token = data.token;
    } catch (error) {
      const message = (error as Error).message.startsWith('invalid')
        ? (error as Error).message
        : `unable to read token from secret '${namespace}/${name}' error: ${(error as Error).message}`;
      markFalse(obj, ConditionType.Ready, 'TokenNotFound', message);
      obj.status = { ...obj.status, webhookPath: '' };
      await finish();
      await events.record(obj, 'Warning', Reason.Failed, message);
      throw new Error(message);
    }
    const path = webhookPath(token, obj.metadata.name, namespace);
    markTrue(obj, ConditionType.Ready, Reason.Succeeded, `Receiver initialized for path: ${path}`);
    obj.status = { ...obj.status, webhookPath: path };
    await finish();
    await events.record(
      obj,
      'Normal',
      Reason.Succeeded,
      `Reconciliation finished, next run in ${formatDuration(intervalMs)}`,
    );
    return { requeueAfterMs: intervalMs };
  }

  /** Flux's terminal checks: CEL filters compile to bool; OIDC fields only with `generic-oidc`. */
  private validate(obj: Obj): { reason: string; message: string } | undefined {
    const spec = obj.spec;
    const celError = (expr: string): string | undefined => {
      try {
        compileCel<boolean>(expr, ['res', 'req'], 'bool');
        return undefined;
      } catch (error) {
        return (error as Error).message;
      }
    };
    if (spec.resourceFilter) {
      const error = celError(spec.resourceFilter);
      if (error)
        return { reason: 'InvalidCELExpression', message: `invalid resourceFilter expression: ${error}` };
    }
    for (const [i, res] of spec.resources.entries()) {
      const error = res.filter ? celError(res.filter) : undefined;
      if (error)
        return {
          reason: 'InvalidCELExpression',
          message: `invalid filter expression for resources[${i}] (kind="${res.kind}", name="${res.name}"): ${error}`,
        };
    }
    if (spec.type === 'generic-oidc')
      return { reason: 'ValidationFailed', message: 'generic-oidc receivers are not supported by Tideline' };
    if ((spec.oidcProviders?.length ?? 0) > 0)
      return {
        reason: 'ValidationFailed',
        message: 'oidcProviders can only be set when type is generic-oidc',
      };
    if (!spec.secretRef)
      return { reason: 'ValidationFailed', message: 'secretRef is required when type is not generic-oidc' };
    return undefined;
  }
}
