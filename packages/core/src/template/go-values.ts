/**
 * Go values as text/template's reflection sees them: every value carries its Go type, so field
 * access, printing, comparisons and function arguments behave as in Go (an `int64` is not an
 * `int`, a struct field is not a map key, a missing map key is "no value").
 */

/** A Go type, as far as templates need one. */
export type GoType =
  | { k: 'bool' | 'string' | 'float64' | 'interface'; name: string }
  | { k: 'int'; name: 'int' | 'int64' | 'int32' | 'uint8' | 'uint' | 'uint64' }
  | { k: 'slice'; name: string; elem: GoType }
  | { k: 'map'; name: string; key: GoType; elem: GoType }
  | {
      k: 'struct';
      name: string;
      fields: StructField[];
      methods?: Record<string, GoMethod>;
      stringer?: (v: GoValue) => string;
    }
  | { k: 'func'; name: string; fn: GoFunction };

/** A struct field; an embedded one promotes its fields. */
export interface StructField {
  name: string;
  type: GoType;
  embedded?: boolean;
}

/** A method with a value receiver (what a template can call on a non-addressable value). */
export type GoMethod = { fn: GoFunction; bind: (receiver: GoValue) => GoFunction };

/** A callable: parameter types, optional variadic element type, and whether it may fail. */
export interface GoFunction {
  name: string;
  params: GoType[];
  variadic?: GoType;
  /** Returns an error as a second result (the template stops with `error calling …`). */
  fallible?: boolean;
  /** Never installed (Go's builtin `and`/`or` are evaluated lazily by the executor). */
  lazy?: boolean;
  call(args: GoValue[]): GoValue;
}

/** A Go value of a known type; `v` is a string, boolean, bigint, number, array, Map, record or null (nil). */
export class GoValue {
  constructor(
    readonly type: GoType,
    readonly v: unknown,
  ) {}
}

/** An invalid `reflect.Value` (a missing map key, no data): prints as `<no value>`. */
export type Maybe = GoValue | undefined;

/** A Go function returned an error (`error calling <name>: …`). */
export class GoCallError extends Error {}

/** Basic types. */
export const Types = {
  bool: { k: 'bool', name: 'bool' } as GoType,
  string: { k: 'string', name: 'string' } as GoType,
  int: { k: 'int', name: 'int' } as GoType,
  int64: { k: 'int', name: 'int64' } as GoType,
  int32: { k: 'int', name: 'int32' } as GoType,
  uint8: { k: 'int', name: 'uint8' } as GoType,
  float64: { k: 'float64', name: 'float64' } as GoType,
  any: { k: 'interface', name: 'interface {}' } as GoType,
};

/** `[]elem`. */
export const sliceOf = (elem: GoType): GoType => ({ k: 'slice', name: `[]${elem.name}`, elem });
/** `map[key]elem`, optionally under a named type. */
export const mapOf = (key: GoType, elem: GoType, name?: string): GoType => ({
  k: 'map',
  name: name ?? `map[${key.name}]${elem.name}`,
  key,
  elem,
});

/** Value constructors. */
export const go = {
  string: (s: string): GoValue => new GoValue(Types.string, s),
  bool: (b: boolean): GoValue => new GoValue(Types.bool, b),
  int: (n: bigint | number, type: GoType = Types.int): GoValue => new GoValue(type, BigInt(n)),
  int64: (n: bigint | number): GoValue => new GoValue(Types.int64, BigInt(n)),
  float: (f: number): GoValue => new GoValue(Types.float64, f),
  nil: (type: GoType = Types.any): GoValue => new GoValue(type, null),
  slice: (elem: GoType, items: GoValue[] | null): GoValue => new GoValue(sliceOf(elem), items),
  list: (items: GoValue[]): GoValue => new GoValue(sliceOf(Types.any), items),
  /** A map with string keys. */
  map: (elem: GoType, entries: [string, GoValue][] | null, name?: string): GoValue =>
    new GoValue(
      mapOf(Types.string, elem, name),
      entries === null ? null : new Map(entries.map(([k, v]) => [k, v])),
    ),
  struct: (type: GoType, fields: Record<string, GoValue>): GoValue => new GoValue(type, fields),
};

/** A map value's entries as [key, value] pairs, keys as Go values (map keys are stored by their key string). */
export function mapEntries(value: GoValue): [GoValue, GoValue][] {
  const type = value.type;
  if (type.k !== 'map' || value.v === null) return [];
  const entries = value.v as Map<string, GoValue | [GoValue, GoValue]>;
  return [...entries.entries()].map(([key, entry]) =>
    Array.isArray(entry) ? entry : [new GoValue(type.key, key), entry],
  );
}

/** A struct-keyed map: entries stored under a canonical key, holding the key value too. */
export function structKeyedMap(type: GoType, entries: [GoValue, GoValue][]): GoValue {
  return new GoValue(type, new Map(entries.map(([k, v]) => [JSON.stringify(plain(k)), [k, v]])));
}

/** The JSON-ish shape of a value, for keys and deep equality. */
export function plain(value: Maybe): unknown {
  if (value === undefined || value.v === null) return null;
  const v = value.v;
  if (typeof v === 'bigint') return `${v}n`;
  if (Array.isArray(v)) return v.map((x: GoValue) => plain(x));
  if (v instanceof Map) return mapEntries(value).map(([k, x]) => [plain(k), plain(x)]);
  if (typeof v === 'object')
    return Object.entries(v as Record<string, GoValue>).map(([k, x]) => [k, plain(x)]);
  return v;
}

/** The zero value of a type. */
export function zero(type: GoType): GoValue {
  switch (type.k) {
    case 'bool':
      return new GoValue(type, false);
    case 'string':
      return new GoValue(type, '');
    case 'int':
      return new GoValue(type, 0n);
    case 'float64':
      return new GoValue(type, 0);
    case 'struct':
      return new GoValue(type, Object.fromEntries(type.fields.map((f) => [f.name, zero(f.type)])));
    default:
      return new GoValue(type, null);
  }
}

/** The length of a string (bytes), slice or map. */
export function lengthOf(value: GoValue): number | undefined {
  const v = value.v;
  if (value.type.k === 'string') return Buffer.byteLength(v as string, 'utf8');
  if (value.type.k === 'slice') return v === null ? 0 : (v as GoValue[]).length;
  if (value.type.k === 'map') return v === null ? 0 : (v as Map<string, unknown>).size;
  return undefined;
}

/** text/template's `isTrue`: empty and zero values are false; structs are true; undefined (no value) is false. */
export function isTrue(value: Maybe): { truth: boolean; ok: boolean } {
  if (value === undefined) return { truth: false, ok: true };
  const { type, v } = value;
  switch (type.k) {
    case 'string':
    case 'slice':
    case 'map':
      return { truth: (lengthOf(value) ?? 0) > 0, ok: true };
    case 'bool':
      return { truth: v === true, ok: true };
    case 'int':
      return { truth: v !== 0n, ok: true };
    case 'float64':
      return { truth: v !== 0, ok: true };
    case 'interface':
    case 'func':
      return { truth: v !== null, ok: true };
    case 'struct':
      return { truth: true, ok: true };
  }
}

/** A struct field by name (own, then promoted from embedded structs), or undefined. */
export function structField(value: GoValue, name: string): GoValue | undefined {
  if (value.type.k !== 'struct') return undefined;
  const fields = value.v as Record<string, GoValue>;
  if (value.type.fields.some((f) => f.name === name)) return fields[name];
  for (const f of value.type.fields) {
    if (!f.embedded) continue;
    const inner = fields[f.name];
    const found = inner ? structField(inner, name) : undefined;
    if (found) return found;
  }
  return undefined;
}

/** Converts plain JavaScript data (JSON-like) to Go values as `encoding/json` would decode into `interface{}`. */
export function fromJson(value: unknown): GoValue {
  if (value === null || value === undefined) return go.nil();
  if (typeof value === 'string') return go.string(value);
  if (typeof value === 'boolean') return go.bool(value);
  if (typeof value === 'number') return go.float(value);
  if (Array.isArray(value)) return go.list(value.map(fromJson));
  return go.map(
    Types.any,
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, fromJson(v)]),
  );
}
