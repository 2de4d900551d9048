import { randomBytes } from 'node:crypto';
import {
  FORCE_REQUESTED_ANNOTATION,
  isFluxKindName,
  RECONCILE_REQUESTED_ANNOTATION,
  RESET_REQUESTED_ANNOTATION,
  type KubeObject,
  type Resources,
} from '@tideline/core';
import type { ActionName } from '../api/dto.js';
import { SUSPENDED_BY_ANNOTATION, SUSPENDED_COMMENT_ANNOTATION } from '../api/suspend-annotations.js';
import { apiVersionOf } from '../cache/watch-cache.js';
import { objectId, type FluxResource } from '../cache/to-dto.js';
import type { AuditLog } from './audit-log.js';
import type { CacheView } from './visibility.js';
import { ObjectNotFoundError, type ActionsService, type ActionActor, type ObjectKey } from './types.js';

/** The component name on the Events Tideline records about actions. */
export const ACTION_EVENT_COMPONENT = 'tideline-dashboard';

/** The Event reason per action: what `kubectl describe` and the events page show. */
const EVENT_REASONS: Readonly<Record<ActionName, string>> = {
  suspend: 'SuspendRequested',
  resume: 'ResumeRequested',
  reconcile: 'ReconcileRequested',
  force: 'ForceRequested',
  reset: 'ResetRequested',
};

/** `admin suspended Kustomization flux-system/apps: "reason"` — the audit Event's message. Pure. */
export function actionEventMessage(action: ActionName, key: ObjectKey, actor: ActionActor): string {
  const verb = {
    suspend: 'suspended',
    resume: 'resumed',
    reconcile: 'requested a reconcile of',
    force: 'requested a forced release of',
    reset: 'reset the failure counters of',
  }[action];
  const why = actor.reason ? `: "${actor.reason}"` : '';
  return `${actor.who} ${verb} ${key.kind} ${key.namespace}/${key.name} from Tideline${why}`;
}

/** Who an action is done for: whether they may (checked before the cluster is asked) and as whom it is sent. */
export interface ActionCaller {
  /** Throws when the caller may not act on the object (the refusal is audited). */
  permit?: (key: ObjectKey) => void;
  /** The patch goes through these (impersonating the caller); the audit Event is the server's. */
  resources?: Resources;
}

/**
 * Actions are patches to the cluster (Flux's own mechanics: `spec.suspend`,
 * `reconcile.fluxcd.io/requestedAt`), with who and why recorded as Weave GitOps does on
 * suspend. Each one, done or failed, lands in the audit log and, when done, as a core/v1 Event
 * on the object (so `kubectl describe` and the events page show it too).
 */
export function createActionsService(
  cache: Pick<CacheView, 'object'>,
  resources: Resources,
  audit: AuditLog,
  now: () => Date,
  caller: ActionCaller = {},
): ActionsService {
  const patch = async (key: ObjectKey, body: unknown): Promise<void> => {
    if (!cache.object(key.kind, key.namespace, key.name)) throw new ObjectNotFoundError(key);
    caller.permit?.(key);
    await (caller.resources ?? resources).mergePatch(
      { apiVersion: apiVersionOf(key.kind), kind: key.kind, namespace: key.namespace, name: key.name },
      body,
      'tideline',
    );
  };
  const audited = async <T>(
    action: ActionName,
    key: ObjectKey,
    actor: ActionActor,
    run: () => Promise<T>,
  ): Promise<T> => {
    const entry = {
      at: now().toISOString(),
      who: actor.who,
      action,
      objectId: objectId(key.kind, key.namespace, key.name),
      ...(actor.reason ? { reason: actor.reason } : {}),
    };
    try {
      const result = await run();
      audit.record({ ...entry, outcome: 'ok' });
      await recordEvent(resources, action, key, actor, now()).catch(() => undefined);
      return result;
    } catch (error) {
      audit.record({
        ...entry,
        outcome: 'failed',
        error: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  };
  return {
    suspend: (key, actor) =>
      audited('suspend', key, actor, () =>
        patch(key, {
          spec: { suspend: true },
          metadata: {
            annotations: {
              [SUSPENDED_BY_ANNOTATION]: actor.who,
              // A reason from an earlier suspension must not be shown as this one's.
              [SUSPENDED_COMMENT_ANNOTATION]: actor.reason || null,
            },
          },
        }),
      ),
    resume: (key, actor) =>
      audited('resume', key, actor, () =>
        patch(key, {
          spec: { suspend: false },
          metadata: {
            annotations: { [SUSPENDED_BY_ANNOTATION]: null, [SUSPENDED_COMMENT_ANNOTATION]: null },
          },
        }),
      ),
    reconcile: (key, actor) =>
      audited('reconcile', key, actor, async () => {
        const requestedAt = now().toISOString();
        await patch(key, { metadata: { annotations: { [RECONCILE_REQUESTED_ANNOTATION]: requestedAt } } });
        return requestedAt;
      }),
    sourceOf: (key) => sourceOf(cache.object(key.kind, key.namespace, key.name)),
    // `flux reconcile hr --force` / `--reset`: forceAt/resetAt with the same value as requestedAt,
    // which helm-controller honours only when the two are equal.
    helmRequest: (key, which, actor) =>
      audited(which, key, actor, async () => {
        if (key.kind !== 'HelmRelease') throw new Error(`${which} applies to HelmReleases only`);
        const requestedAt = now().toISOString();
        const annotation = which === 'force' ? FORCE_REQUESTED_ANNOTATION : RESET_REQUESTED_ANNOTATION;
        await patch(key, {
          metadata: {
            annotations: { [RECONCILE_REQUESTED_ANNOTATION]: requestedAt, [annotation]: requestedAt },
          },
        });
        return requestedAt;
      }),
  };
}

/** What `--with-source` reconciles first (see {@link ActionsService.sourceOf}). Pure. */
export function sourceOf(obj: FluxResource | undefined): ObjectKey | undefined {
  if (!obj) return undefined;
  const namespace = obj.metadata.namespace ?? '';
  if (obj.kind === 'Kustomization') {
    const ref = obj.spec?.sourceRef;
    if (!ref || !isFluxKindName(ref.kind)) return undefined;
    return { kind: ref.kind, namespace: ref.namespace ?? namespace, name: ref.name };
  }
  if (obj.kind === 'HelmRelease') {
    const chart = (obj.status as { helmChart?: string } | undefined)?.helmChart;
    const [chartNamespace, name] = chart?.split('/') ?? [];
    return chartNamespace && name ? { kind: 'HelmChart', namespace: chartNamespace, name } : undefined;
  }
  return undefined;
}

/** Records a Normal core/v1 Event about the action on the object. */
async function recordEvent(
  resources: Resources,
  action: ActionName,
  key: ObjectKey,
  actor: ActionActor,
  at: Date,
): Promise<void> {
  const time = at.toISOString().replace(/\.\d+Z$/, 'Z');
  await resources.create({
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${key.name}.${randomBytes(8).toString('hex')}`, namespace: key.namespace },
    involvedObject: {
      apiVersion: apiVersionOf(key.kind),
      kind: key.kind,
      name: key.name,
      namespace: key.namespace,
    },
    type: 'Normal',
    reason: EVENT_REASONS[action],
    message: actionEventMessage(action, key, actor),
    source: { component: ACTION_EVENT_COMPONENT },
    firstTimestamp: time,
    lastTimestamp: time,
    count: 1,
  } as KubeObject);
}
