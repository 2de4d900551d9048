/**
 * JSON bytes as Go's `encoding/json` writes them, so bodies (and the HMAC over them) match what
 * notification-controller sends: `<`, `>`, `&`, U+2028 and U+2029 are escaped, map keys are
 * sorted (Go sorts maps; struct fields keep their declared order, which callers build in). Pure.
 */

/** A Go map: marshalled with its keys sorted, as `encoding/json` does. */
export function goMap<V>(record: Readonly<Record<string, V>> | undefined): Record<string, V> {
  const out: Record<string, V> = {};
  for (const key of Object.keys(record ?? {}).sort()) out[key] = (record as Record<string, V>)[key] as V;
  return out;
}

/** `JSON.stringify` with Go's HTML-safe escaping. */
export function goMarshal(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => {
    const code = c.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${code}`;
  });
}

/** Go's `json.Encoder.Encode`: the same bytes plus a newline. */
export function goEncode(value: unknown): string {
  return `${goMarshal(value)}\n`;
}
