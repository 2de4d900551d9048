/**
 * Go's `time.Parse(time.RFC3339, s)` followed by `Format(time.RFC3339)`: the MAC is sealed with
 * the formatted last-modified time as additional data, so fractions are dropped and a zero
 * offset prints as `Z`. Undefined when Go would not parse it. Pure.
 */
export function normalizeRfc3339(text: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, zone = 'Z'] = m;
  const num = (x: string | undefined): number => Number(x);
  const days = new Date(Date.UTC(num(y), num(mo), 0)).getUTCDate();
  if (num(mo) < 1 || num(mo) > 12 || num(d) < 1 || num(d) > days) return undefined;
  if (num(h) > 23 || num(mi) > 59 || num(s) > 59) return undefined;
  if (zone !== 'Z' && (num(zone.slice(1, 3)) > 23 || num(zone.slice(4)) > 59)) return undefined;
  const offset = zone === 'Z' || /^[+-]00:00$/.test(zone) ? 'Z' : zone;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${offset}`;
}

/** Go's error for a time that does not parse as RFC 3339. Pure. */
export function rfc3339Error(text: string): string {
  return `parsing time ${JSON.stringify(text)} as "2006-01-02T15:04:05Z07:00": cannot parse`;
}
