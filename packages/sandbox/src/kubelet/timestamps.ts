/**
 * Milliseconds since the epoch of a Kubernetes timestamp, or undefined when absent or invalid.
 * Objects from a watch carry timestamps as RFC 3339 strings while the typed client's models
 * declare `Date`, so this accepts both. Pure.
 */
export function toMillis(value: Date | string | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}
