/**
 * A JSON merge patch turning `before` into `after` at the top level of status: changed keys
 * are sent whole, removed keys are sent as null. Pure.
 */
export function statusMergePatch(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before?.[key]) !== JSON.stringify(value)) patch[key] = value;
  }
  for (const key of Object.keys(before ?? {})) {
    if (after[key] === undefined) patch[key] = null;
  }
  return patch;
}
