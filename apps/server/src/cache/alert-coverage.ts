import type { AlertCoverageDto } from '../api/dto.js';
import { objectId, type FluxResource } from './to-dto.js';

/** The Alert fields coverage reads (notification.toolkit.fluxcd.io/v1beta3). */
interface AlertSpecView {
  providerRef?: { name?: string };
  eventSeverity?: string;
  eventSources?: { kind?: string; name?: string; namespace?: string; matchLabels?: Record<string, string> }[];
  inclusionList?: string[];
  exclusionList?: string[];
  suspend?: boolean;
}

/**
 * The Alerts whose event sources cover `obj`, as notification-controller matches an event's
 * involved object: same kind, the source's namespace (defaulting to the Alert's), name or `*`,
 * and `matchLabels` against the object's labels. Severity and inclusion/exclusion lists filter
 * events, not objects: they are reported beside. Pure.
 */
export function alertsCovering(obj: FluxResource, alerts: readonly FluxResource[]): AlertCoverageDto[] {
  const namespace = obj.metadata.namespace ?? '';
  const labels = obj.metadata.labels ?? {};
  return alerts.flatMap((alert): AlertCoverageDto[] => {
    const spec = (alert.spec ?? {}) as AlertSpecView;
    const alertNamespace = alert.metadata.namespace ?? '';
    const covered = (spec.eventSources ?? []).some(
      (source) =>
        source.kind === obj.kind &&
        (source.namespace || alertNamespace) === namespace &&
        (source.name === '*' || source.name === obj.metadata.name) &&
        Object.entries(source.matchLabels ?? {}).every(([key, value]) => labels[key] === value),
    );
    if (!covered) return [];
    return [
      {
        id: objectId('Alert', alertNamespace, alert.metadata.name),
        providerId: spec.providerRef?.name
          ? objectId('Provider', alertNamespace, spec.providerRef.name)
          : undefined,
        severity: spec.eventSeverity === 'error' ? 'error' : 'info',
        suspended: spec.suspend === true,
        filtered: (spec.inclusionList?.length ?? 0) > 0 || (spec.exclusionList?.length ?? 0) > 0,
      },
    ];
  });
}
