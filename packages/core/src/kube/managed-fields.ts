import type { KubeObject } from './objects.js';

/** A field manager whose entries Flux takes over (matched by name prefix and operation). */
export interface FieldManagerMatch {
  name: string;
  operation: 'Apply' | 'Update';
}

/** kustomize-controller's cleanup: kubectl edits and pre-SSA ownership are reverted by taking their fields over. */
export const FLUX_CLEANUP = {
  annotations: [
    'kubectl.kubernetes.io/last-applied-configuration',
    'kustomize.toolkit.fluxcd.io/checksum',
    'fluxcd.io/sync-checksum',
  ],
  labels: ['fluxcd.io/sync-gc-mark'],
  managers: (controller: string): FieldManagerMatch[] => [
    { name: 'kubectl', operation: 'Apply' },
    { name: 'kubectl', operation: 'Update' },
    { name: 'before-first-apply', operation: 'Update' },
    { name: controller, operation: 'Update' },
  ],
} as const;

/** One RFC 6902 operation. */
export interface JsonPatchOp {
  op: 'remove' | 'replace';
  path: string;
  value?: unknown;
}

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  subresource?: string;
  fieldsV1?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The union of two fieldsV1 sets (their trees merged). Pure. */
export function mergeFieldsV1(
  a: Record<string, unknown> | undefined,
  b: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  if (!a) return b;
  if (!b) return a;
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const prev = out[key];
    out[key] =
      prev && typeof prev === 'object' && value && typeof value === 'object'
        ? mergeFieldsV1(prev as Record<string, unknown>, value as Record<string, unknown>)
        : value;
  }
  return out;
}

const pointer = (key: string): string => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * fluxcd/pkg `PatchReplaceFieldsManagers`: entries of the given managers are merged into the
 * owner's Apply entry (the first match is renamed when the owner has none). Undefined when
 * nothing changes. Pure.
 */
export function replaceFieldManagers(
  entries: readonly ManagedFieldsEntry[],
  managers: readonly FieldManagerMatch[],
  owner: string,
): ManagedFieldsEntry[] | undefined {
  let previous = entries.find((e) => e.manager === owner && e.operation === 'Apply');
  const kept: ManagedFieldsEntry[] = [];
  let edited = false;
  for (const entry of entries) {
    if (entry === previous) continue;
    const matches =
      !entry.subresource &&
      managers.some((m) => entry.operation === m.operation && (entry.manager ?? '').startsWith(m.name));
    if (!matches) {
      kept.push(entry);
      continue;
    }
    edited = true;
    previous = previous
      ? { ...previous, fieldsV1: mergeFieldsV1(previous.fieldsV1, entry.fieldsV1) }
      : { ...entry, manager: owner, operation: 'Apply' };
  }
  return edited && previous ? [...kept, previous] : undefined;
}

/**
 * The JSON patch kustomize-controller sends before applying: drop kubectl/legacy Flux
 * annotations and labels, and take over fields owned by kubectl and pre-SSA managers.
 * Undefined when the live object needs no cleanup. Pure.
 */
export function metadataCleanupPatch(live: KubeObject, owner: string): JsonPatchOp[] | undefined {
  const ops: JsonPatchOp[] = [];
  for (const key of FLUX_CLEANUP.annotations) {
    if (live.metadata.annotations?.[key] !== undefined)
      ops.push({ op: 'remove', path: `/metadata/annotations/${pointer(key)}` });
  }
  for (const key of FLUX_CLEANUP.labels) {
    if (live.metadata.labels?.[key] !== undefined)
      ops.push({ op: 'remove', path: `/metadata/labels/${pointer(key)}` });
  }
  const entries = (live.metadata.managedFields ?? []) as ManagedFieldsEntry[];
  const managed = replaceFieldManagers(entries, FLUX_CLEANUP.managers(owner), owner);
  if (managed) ops.push({ op: 'replace', path: '/metadata/managedFields', value: managed });
  return ops.length > 0 ? ops : undefined;
}
