/**
 * JSON bytes as Go's `encoding/json` writes them, so bodies (and the HMAC over them) match what
 * notification-controller sends: `<`, `>`, `&`, U+2028 and U+2029 are escaped, map keys are
 * sorted by their UTF-8 bytes (Go sorts maps; struct fields keep their declared order, which
 * callers build in). A JavaScript object cannot hold that order itself — integer-like keys
 * always come first, and `sort()` compares UTF-16 — so maps are marked by {@link goMap} and
 * ordered when {@link goMarshal} writes them. Pure.
 */

const GO_MAP = Symbol('go map');

/** A Go map: marshalled with its keys in Go's (bytewise) order by {@link goMarshal}. */
export function goMap<V>(record: Readonly<Record<string, V>> | undefined): Record<string, V> {
  const out: Record<string, V> = {};
  Object.defineProperty(out, GO_MAP, { value: true });
  for (const [key, value] of Object.entries(record ?? {}))
    // An own property even for `__proto__`, which is an ordinary key in Go.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function goString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

const bytewise = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

function marshal(value: unknown, inArray: boolean): string | undefined {
  let v = value;
  if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function')
    v = (v as { toJSON: () => unknown }).toJSON();
  if (v === undefined || typeof v === 'function' || typeof v === 'symbol')
    return inArray ? 'null' : undefined;
  if (v === null) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'bigint') return v.toString();
  if (Array.isArray(v)) return `[${v.map((item) => marshal(item, true)).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const keys = Object.keys(obj);
  if ((obj as { [GO_MAP]?: boolean })[GO_MAP]) keys.sort(bytewise);
  const fields: string[] = [];
  for (const key of keys) {
    const text = marshal(obj[key], false);
    if (text !== undefined) fields.push(`${goString(key)}:${text}`);
  }
  return `{${fields.join(',')}}`;
}

/** Go's `json.Marshal` of a payload built from structs (plain objects) and maps ({@link goMap}). */
export function goMarshal(value: unknown): string {
  return marshal(value, false) ?? 'null';
}

/** Go's `json.Encoder.Encode`: the same bytes plus a newline. */
export function goEncode(value: unknown): string {
  return `${goMarshal(value)}\n`;
}
