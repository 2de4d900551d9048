import { z } from 'zod';
import type { FluxObjectView, GraphWorld, KindObjectRef } from './kind-definition.js';

/** API group of Flux notifications (Alert, Provider, Receiver). */
export const NOTIFICATION_GROUP = 'notification.toolkit.fluxcd.io';

/** The kinds an Alert event source or a Receiver resource may name (notification-controller api/v1). */
export const NOTIFICATION_REF_KINDS = [
  'Bucket',
  'GitRepository',
  'Kustomization',
  'HelmRelease',
  'HelmChart',
  'HelmRepository',
  'ImageRepository',
  'ImagePolicy',
  'ImageUpdateAutomation',
  'OCIRepository',
  'ArtifactGenerator',
  'ExternalArtifact',
] as const;

/** `CrossNamespaceObjectReference` of notification-controller api/v1, validated as its CRD does. */
export const CrossNamespaceObjectRefSchema = z.object({
  apiVersion: z.string().optional(),
  kind: z.enum(NOTIFICATION_REF_KINDS),
  name: z.string().min(1).max(253),
  namespace: z.string().min(1).max(253).optional(),
  matchLabels: z.record(z.string(), z.string()).optional(),
});

/** An event source of an Alert, or a resource a Receiver triggers. */
export type CrossNamespaceObjectRef = z.input<typeof CrossNamespaceObjectRefSchema>;

/** `{ name }` reference to an object in the same namespace. */
export const LocalRefSchema = z.object({ name: z.string().min(1) });

/** Whether `labels` carry every `matchLabels` pair (a label selector of equalities). Pure. */
export function labelsMatch(
  matchLabels: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>> | undefined,
): boolean {
  return Object.entries(matchLabels).every(([key, value]) => labels?.[key] === value);
}

/**
 * The objects a reference names, as notification-controller resolves it: the namespace
 * defaults to the referring object's; `*` needs `matchLabels` and expands to every object of
 * the kind in that namespace carrying them (no namespace wildcard). Pure.
 */
export function resolveObjectRef(obj: FluxObjectView, ref: unknown, world: GraphWorld): KindObjectRef[] {
  if (!ref || typeof ref !== 'object') return [];
  const { kind, name, namespace, matchLabels } = ref as Record<string, unknown>;
  if (typeof kind !== 'string' || typeof name !== 'string') return [];
  const ns = typeof namespace === 'string' && namespace ? namespace : (obj.metadata.namespace ?? '');
  if (name !== '*') return [{ kind, namespace: ns, name }];
  const selector = (matchLabels && typeof matchLabels === 'object' ? matchLabels : {}) as Record<
    string,
    string
  >;
  return world
    .list(kind)
    .filter((o) => (o.metadata.namespace ?? '') === ns && labelsMatch(selector, o.metadata.labels))
    .map((o) => ({ kind, namespace: ns, name: o.metadata.name }));
}

/** `Kind/name` (`Kind/namespace/name` in another namespace, `Kind/*` with labels) for display. Pure. */
export function describeRef(obj: FluxObjectView, ref: CrossNamespaceObjectRef): string {
  const ns = ref.namespace && ref.namespace !== obj.metadata.namespace ? `${ref.namespace}/` : '';
  const labels = Object.entries(ref.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
  return `${ref.kind}/${ns}${ref.name}${labels ? ` (${labels})` : ''}`;
}
