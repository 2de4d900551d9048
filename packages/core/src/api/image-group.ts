import type { FluxObjectView, KindTraits } from './kind-definition.js';

/** API group and storage version of Flux's image automation kinds. */
export const IMAGE_GROUP = 'image.toolkit.fluxcd.io';
export const IMAGE_VERSION = 'v1';
export const IMAGE_API_VERSION = `${IMAGE_GROUP}/${IMAGE_VERSION}`;

/** What the three image kinds have: `spec.suspend` and reconcile requests, no artifact or inventory. */
export const IMAGE_TRAITS: KindTraits = {
  artifact: false,
  suspend: true,
  inventory: false,
  dependsOn: false,
  reconcilable: true,
};

/** Their categories, as Flux's kubebuilder markers have them. */
export const IMAGE_CATEGORIES = ['all', 'fluxcd', 'fluxcd-images'] as const;

/** An image as a policy resolved it (`status.latestRef`, `observedPolicies` entries). */
export interface ImageRef {
  /** The ImageRepository's `spec.image`, verbatim. */
  name: string;
  tag: string;
  digest?: string;
}

/** `ImageRef.String()`: `name:tag`, or `name:tag@digest`. Pure. */
export function imageRefString(ref: ImageRef): string {
  return ref.digest ? `${ref.name}:${ref.tag}@${ref.digest}` : `${ref.name}:${ref.tag}`;
}

/** Reads an `ImageRef` out of a status field, or undefined. Pure. */
export function readImageRef(value: unknown): ImageRef | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const ref = value as Record<string, unknown>;
  if (typeof ref.name !== 'string' || typeof ref.tag !== 'string') return undefined;
  return typeof ref.digest === 'string' && ref.digest
    ? { name: ref.name, tag: ref.tag, digest: ref.digest }
    : { name: ref.name, tag: ref.tag };
}

/** A `status` object of a registry view, or `{}`. Pure. */
export function statusOf(obj: FluxObjectView): Record<string, unknown> {
  return obj.status ?? {};
}

/** A `metav1.Time` string as `flux get` prints it (RFC 3339, seconds), or ''. Pure. */
export function rfc3339(value: unknown): string {
  if (typeof value !== 'string' || value === '') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${date.toISOString().slice(0, 19)}Z`;
}
