import type { AlertSpec } from '../api/notification-v1beta3.js';
import { labelsMatch, type CrossNamespaceObjectRef } from '../api/notification-refs.js';
import { involvedObjectString, type FluxEvent } from './event.js';
import type { PatternCache } from './message-patterns.js';

/** The parts of an Alert matching reads. */
export interface AlertView {
  metadata: { name: string; namespace?: string };
  spec: AlertSpec;
}

/** A Warning event the matching asks for on the Alert (`InvalidConfig`, `SourceFetchFailed`). */
export interface AlertWarning {
  reason: 'InvalidConfig' | 'SourceFetchFailed';
  message: string;
}

/** The outcome of matching one Alert against one event. */
export interface AlertMatch {
  matched: boolean;
  warnings: AlertWarning[];
}

/**
 * The labels of the event's object for `matchLabels`: read from the live object, null when it
 * could not be read.
 */
export type ObjectLabels = Readonly<Record<string, string>> | null;

/** Whether any source of the Alert needs the object's labels for this event (so they are read once). */
export function needsObjectLabels(alert: AlertView, event: FluxEvent): boolean {
  return alert.spec.eventSources.some((s) => s.kind === event.involvedObject.kind && s.matchLabels);
}

/**
 * One event source against the event, as notification-controller's eventMatchesAlertSource:
 * same namespace (defaulting to the Alert's) and kind, severity (`info` takes everything),
 * name or `*`, then `matchLabels` on the live object. Pure.
 */
export function sourceMatches(
  alert: AlertView,
  source: CrossNamespaceObjectRef,
  event: FluxEvent,
  labels: ObjectLabels | undefined,
  warnings: AlertWarning[],
): boolean {
  const namespace = source.namespace || alert.metadata.namespace || '';
  if (event.involvedObject.namespace !== namespace || event.involvedObject.kind !== source.kind) return false;
  const severity = alert.spec.eventSeverity ?? 'info';
  if (event.severity !== severity && severity !== 'info') return false;
  if (source.name !== '*' && source.name !== event.involvedObject.name) return false;
  if (!source.matchLabels) return true;
  if (!labels) {
    warnings.push({
      reason: 'SourceFetchFailed',
      message: `error getting source object ${involvedObjectString(event)}`,
    });
    return false;
  }
  return labelsMatch(source.matchLabels, labels);
}

/** Whether a message passes one list; invalid patterns become `InvalidConfig` warnings. */
function listMatches(
  patterns: readonly string[],
  message: string,
  cache: PatternCache,
  which: 'inclusion' | 'exclusion',
  warnings: AlertWarning[],
): boolean {
  for (const pattern of patterns) {
    const compiled = cache.get(pattern);
    if (compiled instanceof Error) {
      warnings.push({ reason: 'InvalidConfig', message: `failed to compile ${which} regex: ${pattern}` });
      continue;
    }
    if (compiled.matchString(message)) return true;
  }
  return false;
}

/**
 * One Alert against one event (notification-controller filterAlertsForEvent): not suspended,
 * one source matches, the inclusion list (if any) matches, the exclusion list does not. Pure
 * but for the pattern cache.
 */
export function matchAlert(
  alert: AlertView,
  event: FluxEvent,
  labels: ObjectLabels | undefined,
  cache: PatternCache,
): AlertMatch {
  const warnings: AlertWarning[] = [];
  if (alert.spec.suspend) return { matched: false, warnings };
  if (!alert.spec.eventSources.some((source) => sourceMatches(alert, source, event, labels, warnings)))
    return { matched: false, warnings };
  const inclusion = alert.spec.inclusionList ?? [];
  if (inclusion.length > 0 && !listMatches(inclusion, event.message, cache, 'inclusion', warnings))
    return { matched: false, warnings };
  const exclusion = alert.spec.exclusionList ?? [];
  if (exclusion.length > 0 && listMatches(exclusion, event.message, cache, 'exclusion', warnings))
    return { matched: false, warnings };
  return { matched: true, warnings };
}

/**
 * Under `--no-cross-namespace-refs`, an Alert only processes events of objects in its own
 * namespace; the error notification-controller logs otherwise, or undefined when allowed. Pure.
 */
export function crossNamespaceDenial(
  alert: AlertView,
  event: FluxEvent,
  noCrossNamespaceRefs: boolean,
): string | undefined {
  const namespace = alert.metadata.namespace ?? '';
  if (!noCrossNamespaceRefs || event.involvedObject.namespace === namespace) return undefined;
  return `discarding event, access denied to cross-namespace sources: alert '${namespace}/${alert.metadata.name}' can't process event from '${involvedObjectString(event)}', cross-namespace references have been blocked`;
}
