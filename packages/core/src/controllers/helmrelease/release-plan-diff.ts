import { PLAN_FIELD_LIMIT, type PlannedObject } from '../../kube/dry-run-plan.js';
import { fieldDiff, maskSecretData, type FieldChange } from '../../kube/field-diff.js';
import { entryOf } from '../../kube/inventory.js';
import { objectSubject, type KubeObject } from '../../kube/objects.js';
import { normalizeForDiff } from './drift-diff.js';

/**
 * The pure comparisons behind a HelmRelease plan: the manifest Helm last stored against the
 * one the current spec renders (what an upgrade changes and deletes), and a rendered object
 * against its live and dry-run copies (drift, as helm-controller's `action.Diff` compares).
 * Secret-derived strings are masked before anything is compared, so no listed value holds one.
 */

/** The mask helm-controller writes over Secret-derived strings (`redactSecrets`). */
export const VALUE_MASK = '*****';

type Json = Record<string, unknown>;

/** Every string in `value` with each Secret-derived string replaced by the mask; keys kept. Pure. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const sorted = secrets.filter((s) => s.length > 0).sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      let out = v;
      for (const s of sorted) out = out.split(s).join(VALUE_MASK);
      return out;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * A field whose new value holds a masked Secret string had its old value set from that Secret
 * too (an older value of it, which the engine cannot recognise): its old value is masked. Pure.
 */
function maskPrevious(change: FieldChange): FieldChange {
  if (change.after?.includes(VALUE_MASK) && change.before !== undefined)
    return { ...change, before: `${VALUE_MASK} (before)` };
  return change;
}

const isSecret = (obj: KubeObject): boolean => obj.kind === 'Secret' && obj.apiVersion === 'v1';

/** The changes from `before` to `after` of one object, Secrets masked, capped. Pure. */
export function objectChanges(
  subject: string,
  before: Json,
  after: Json,
  secretKind: boolean,
  secrets: readonly string[],
): PlannedObject {
  let [a, b] = [redactDeep(before, secrets), redactDeep(after, secrets)];
  if (secretKind) [a, b] = maskSecretData(a as { data?: Json }, b as { data?: Json }) as [Json, Json];
  const changes = fieldDiff(a, b, PLAN_FIELD_LIMIT + 1).map(maskPrevious);
  if (changes.length === 0) return { subject, action: 'unchanged', changes: [], truncated: false };
  return {
    subject,
    action: 'configured',
    changes: changes.slice(0, PLAN_FIELD_LIMIT),
    truncated: changes.length > PLAN_FIELD_LIMIT,
  };
}

/** What an upgrade does to the stored manifest: objects created or changed, and those Helm deletes. */
export interface ManifestDiff {
  objects: PlannedObject[];
  /** Stored objects the rendered manifest no longer has (Helm deletes them), as `Kind/ns/name`. */
  deleted: string[];
}

/**
 * The stored release's objects against the rendered ones, matched by group, kind, namespace
 * and name (Helm's resource identity): new objects are `created`, others `configured` or
 * `unchanged` field by field, stored ones missing from the render are deleted. Pure.
 */
export function manifestDiff(
  stored: readonly KubeObject[],
  desired: readonly KubeObject[],
  secrets: readonly string[],
): ManifestDiff {
  const byId = new Map(stored.map((o) => [entryOf(o).id, o]));
  const objects = desired.map((obj): PlannedObject => {
    const id = entryOf(obj).id;
    const before = byId.get(id);
    byId.delete(id);
    const subject = objectSubject(obj);
    if (!before) return { subject, action: 'created', changes: [], truncated: false };
    const plain = (o: KubeObject): Json => structuredClone(o) as unknown as Json;
    return objectChanges(subject, plain(before), plain(obj), isSecret(obj), secrets);
  });
  return { objects, deleted: [...byId.values()].map(objectSubject) };
}

/**
 * A rendered object against the cluster: `created` when it is not there, else the dry-run's
 * result compared with the live object as drift detection compares them (server-written
 * metadata, status and the `driftDetection.ignore` paths left out). Pure.
 */
export function liveChanges(
  desired: KubeObject,
  live: KubeObject | undefined,
  dryRun: KubeObject | undefined,
  ignore: readonly string[],
  secrets: readonly string[],
): PlannedObject {
  const subject = objectSubject(desired);
  if (!live || !dryRun) return { subject, action: 'created', changes: [], truncated: false };
  return objectChanges(
    subject,
    normalizeForDiff(live, ignore),
    normalizeForDiff(dryRun, ignore),
    isSecret(desired),
    secrets,
  );
}
