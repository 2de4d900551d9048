/**
 * How Go's `encoding/json` matches an object key to a struct field, for tools that decode our
 * users' YAML into Go structs (kustomize reads `kustomization.yaml` and builtin plugin configs
 * through sigs.k8s.io/yaml and `encoding/json`): an exact name wins, but any key equal under
 * `bytes.EqualFold` also lands in the field — `RESOURCES`, `Resources`, and `reſources` (U+017F,
 * long s) are all `resources`; the Kelvin sign U+212A is a `k`. Dotless ı and dotted İ are not
 * an `i` (kustomize v5.7.1 answers `json: unknown field "fıles"`).
 */

/** A field name folded as `bytes.EqualFold` compares it, so folded keys equal folded fields. Pure. */
export function foldJsonKey(key: string): string {
  let out = '';
  for (const ch of key) {
    if (ch === '\u017f') out += 's';
    else if (ch === '\u212a') out += 'k';
    else if (ch >= 'A' && ch <= 'Z') out += ch.toLowerCase();
    else out += ch;
  }
  return out;
}

/**
 * Every value a Go struct field called `field` would be decoded from: the values of all keys of
 * `record` that fold to it. Go keeps the last one; a checker that must see whatever Go might read
 * looks at all of them. Pure.
 */
export function jsonFieldValues(record: Readonly<Record<string, unknown>>, field: string): unknown[] {
  const folded = foldJsonKey(field);
  return Object.keys(record)
    .filter((key) => foldJsonKey(key) === folded)
    .map((key) => record[key]);
}

type JsonRecord = Record<string, unknown>;

/** A scalar as Go reads it: text, or the bytes of a `!!binary` (the YAML reader gives a Uint8Array). */
function jsonText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  return undefined;
}

const isRecord = (v: unknown): v is JsonRecord =>
  !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array);

/** The strings of a field (one string or a list of them), under every key that folds to its name. Pure. */
export function jsonStrings(record: Readonly<JsonRecord>, field: string): string[] {
  return jsonFieldValues(record, field).flatMap((value) =>
    (Array.isArray(value) ? value : [value]).map(jsonText).filter((v): v is string => v !== undefined),
  );
}

/** The objects of a list field, under every key that folds to its name. Pure. */
export function jsonRecords(record: Readonly<JsonRecord>, field: string): JsonRecord[] {
  return jsonFieldValues(record, field).flatMap((value) =>
    Array.isArray(value) ? value.filter(isRecord) : [],
  );
}

/** The object held by a field, under every key that folds to its name. Pure. */
export function jsonObjects(record: Readonly<JsonRecord>, field: string): JsonRecord[] {
  return jsonFieldValues(record, field).filter(isRecord);
}
