/**
 * Field readers with the semantics of cli-utils' `GetIntField` / `GetStringField`: a missing
 * field, or one of the wrong type, yields the default. Pure.
 */

/** An object as JSON, read loosely. */
export type Unstructured = Record<string, unknown>;

function nested(obj: Unstructured, path: string): unknown {
  let current: unknown = obj;
  for (const key of path.split('.').filter((k) => k !== '')) {
    if (current === null || typeof current !== 'object' || Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** An integer at a dotted path (`.spec.replicas`), else `fallback`. Pure. */
export function intField(obj: Unstructured, path: string, fallback: number): number {
  const value = nested(obj, path);
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}

/** A string at a dotted path, else `fallback`. Pure. */
export function stringField(obj: Unstructured, path: string, fallback: string): string {
  const value = nested(obj, path);
  return typeof value === 'string' ? value : fallback;
}

/** Whether an integer is present at a dotted path. Pure. */
export function hasInt(obj: Unstructured, path: string): boolean {
  const value = nested(obj, path);
  return typeof value === 'number' && Number.isInteger(value);
}

/** A status condition as kstatus reads it. */
export interface BasicCondition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

/** `status.conditions`, keeping entries that have a string type. Pure. */
export function conditionsOf(obj: Unstructured): BasicCondition[] {
  const list = nested(obj, '.status.conditions');
  if (!Array.isArray(list)) return [];
  const out: BasicCondition[] = [];
  for (const item of list) {
    if (!item || typeof item !== 'object') continue;
    const c = item as Record<string, unknown>;
    if (typeof c.type !== 'string') continue;
    const text = (v: unknown): string => (typeof v === 'string' ? v : '');
    out.push({ type: c.type, status: text(c.status), reason: text(c.reason), message: text(c.message) });
  }
  return out;
}
