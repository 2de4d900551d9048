/**
 * JSON as Go's `encoding/json` Encoder writes it, for values that came from Go-written JSON:
 * object keys in their parsed order (struct order), except objects with integer-like keys, which
 * JavaScript reorders and Go (a map) sorts bytewise; `<`, `>`, `&`, U+2028 and U+2029 escaped as
 * `\u00XX`/`\u20XX` (Go's HTML-safe default); numbers as Go formats float64 (JavaScript's text is
 * the same). `Encode` appends a newline. Pure.
 */

const INTEGER_KEY = /^(0|[1-9][0-9]*)$/;

function goString(s: string): string {
  return JSON.stringify(s).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function bytewise(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** The text Go's `json.Marshal` produces for a value parsed from Go-written JSON. Pure. */
export function goJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  let keys = Object.keys(obj).filter((k) => obj[k] !== undefined);
  if (keys.some((k) => INTEGER_KEY.test(k))) keys = keys.sort(bytewise);
  return `{${keys.map((k) => `${goString(k)}:${goJson(obj[k])}`).join(',')}}`;
}
