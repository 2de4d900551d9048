import { fn } from '../builtins.js';
import { sortedEntries } from '../go-format.js';
import {
  GoCallError,
  GoValue,
  go,
  mapEntries,
  mapOf,
  plain,
  sliceOf,
  Types,
  type GoFunction,
} from '../go-values.js';
import { compareBytes } from '../../images/tag-list.js';
import { empty, isNil, listItems, str, strslice, strval, toInt64 } from './convert.js';

const A = Types.any;
const S = Types.string;
const I = Types.int;
/** `map[string]interface {}`: what Sprig's dict functions take and return. */
export const DICT = mapOf(S, A);

const list = (items: GoValue[]): GoValue => go.list(items);
const nilValue = (): GoValue => go.nil();
const deepEqual = (a: GoValue | undefined, b: GoValue | undefined): boolean =>
  (a?.type.name ?? '') === (b?.type.name ?? '') && JSON.stringify(plain(a)) === JSON.stringify(plain(b));
const inList = (haystack: readonly GoValue[], needle: GoValue | undefined): boolean =>
  haystack.some((h) => deepEqual(needle, h));

/** A dict's entries by key (string-keyed map). */
function dictEntries(d: GoValue | undefined): Map<string, GoValue> {
  const out = new Map<string, GoValue>();
  if (d && d.v !== null) for (const [k, v] of mapEntries(d)) out.set(k.v as string, v);
  return out;
}

/** A new `map[string]interface {}` from entries (kept in insertion order; printing sorts). */
function dictOf(entries: Iterable<[string, GoValue]>): GoValue {
  return go.map(A, [...entries]);
}

/** Go's map writes are visible through every copy of the map: `set`/`unset` mutate in place. */
function mutable(d: GoValue | undefined): Map<string, GoValue> {
  if (!d || d.v === null) throw new GoCallError('assignment to entry in nil map');
  return d.v as Map<string, GoValue>;
}

/** Sprig's `reflect.TypeOf(nil).Kind()`: a nil argument crashes the function, and Go reports the crash. */
export const NIL_DEREFERENCE = 'runtime error: invalid memory address or nil pointer dereference';

/** A list function that fails as `Cannot <what> on type <kind>` when given something else. */
function onList(name: string, what: string, body: (items: GoValue[]) => GoValue): GoFunction[] {
  const run = ([l]: GoValue[]): GoValue => {
    if (isNil(l)) throw new GoCallError(NIL_DEREFERENCE);
    if (l?.type.k !== 'slice') throw new GoCallError(`Cannot ${what} on type ${kindName(l)}`);
    return body(listItems(l, name));
  };
  const must = `must${name[0]!.toUpperCase()}${name.slice(1)}`;
  return [fn(name, [A], run, { fallible: true }), fn(must, [A], run, { fallible: true })];
}

/** reflect.Kind names, as Sprig prints them in errors. */
export function kindName(v: GoValue | undefined): string {
  if (isNil(v)) return 'invalid';
  switch (v!.type.k) {
    case 'int':
      return v!.type.name;
    case 'float64':
      return 'float64';
    case 'slice':
      return 'slice';
    case 'map':
      return 'map';
    case 'struct':
      return 'struct';
    case 'func':
      return 'func';
    default:
      return v!.type.k;
  }
}

function chunk(size: number, items: GoValue[]): GoValue {
  if (size <= 0) throw new GoCallError('runtime error: integer divide by zero');
  const chunks: GoValue[] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(list(items.slice(i, i + size)));
  if (items.length === 0) chunks.push(list([]));
  return go.slice(sliceOf(A), chunks);
}

/** Sprig's list and dict functions. */
export const COLLECTION_FUNCS: GoFunction[] = [
  fn('list', [], (args) => list(args), { variadic: A }),
  fn('tuple', [], (args) => list(args), { variadic: A }),
  ...onList('first', 'find first', (items) => items[0] ?? nilValue()),
  ...onList('last', 'find last', (items) => items[items.length - 1] ?? nilValue()),
  ...onList('rest', 'find rest', (items) => (items.length === 0 ? go.slice(A, null) : list(items.slice(1)))),
  ...onList('initial', 'find initial', (items) =>
    items.length === 0 ? go.slice(A, null) : list(items.slice(0, -1)),
  ),
  ...onList('reverse', 'find reverse', (items) => list(items.reverse())),
  ...onList('uniq', 'find uniq', (items) => list(items.filter((x, i) => !inList(items.slice(0, i), x)))),
  ...onList('compact', 'compact', (items) => list(items.filter((x) => !empty(x)))),
  ...['append', 'push'].flatMap((name) => {
    const run = ([l, v]: GoValue[]): GoValue => {
      if (isNil(l)) throw new GoCallError(NIL_DEREFERENCE);
      if (l?.type.k !== 'slice') throw new GoCallError(`Cannot push on type ${kindName(l)}`);
      return list([...listItems(l, name), v ?? nilValue()]);
    };
    const must = `must${name[0]!.toUpperCase()}${name.slice(1)}`;
    return [fn(name, [A, A], run, { fallible: true }), fn(must, [A, A], run, { fallible: true })];
  }),
  ...['prepend', 'mustPrepend'].map((name) =>
    fn(
      name,
      [A, A],
      ([l, v]) => {
        if (isNil(l)) throw new GoCallError(NIL_DEREFERENCE);
        if (l?.type.k !== 'slice') throw new GoCallError(`Cannot prepend on type ${kindName(l)}`);
        return list([v ?? nilValue(), ...listItems(l, name)]);
      },
      { fallible: true },
    ),
  ),
  ...['without', 'mustWithout'].map((name) =>
    fn(
      name,
      [A],
      ([l, ...omit]) => {
        if (isNil(l)) throw new GoCallError(NIL_DEREFERENCE);
        if (l?.type.k !== 'slice') throw new GoCallError(`Cannot find without on type ${kindName(l)}`);
        return list(listItems(l, name).filter((x) => !inList(omit, x)));
      },
      { variadic: A, fallible: true },
    ),
  ),
  ...['has', 'mustHas'].map((name) =>
    fn(
      name,
      [A, A],
      ([needle, l]) => {
        if (isNil(l)) return go.bool(false);
        if (l?.type.k !== 'slice') throw new GoCallError(`Cannot find has on type ${kindName(l)}`);
        return go.bool(inList(listItems(l, name), needle));
      },
      { fallible: true },
    ),
  ),
  ...['chunk', 'mustChunk'].map((name) =>
    fn(
      name,
      [I, A],
      ([size, l]) => {
        if (isNil(l)) throw new GoCallError(NIL_DEREFERENCE);
        if (l?.type.k !== 'slice') throw new GoCallError(`Cannot chunk type ${kindName(l)}`);
        return chunk(Number(size!.v as bigint), listItems(l, name));
      },
      { fallible: true },
    ),
  ),
  ...['slice', 'mustSlice'].map((name) =>
    fn(
      name,
      [A],
      ([l, ...indices]) => {
        if (l?.type.k !== 'slice')
          throw new GoCallError(`list should be type of slice or array but ${kindName(l)}`);
        const items = (l.v as GoValue[] | null) ?? [];
        if (items.length === 0) return nilValue();
        const start = indices.length > 0 ? Number(toInt64(indices[0])) : 0;
        const end = indices.length < 2 ? items.length : Number(toInt64(indices[1]));
        if (start < 0 || end > items.length || start > end)
          throw new GoCallError('reflect: slice index out of range');
        return new GoValue(l.type, items.slice(start, end));
      },
      { variadic: A, fallible: true },
    ),
  ),
  fn(
    'concat',
    [],
    (lists) => {
      const out: GoValue[] = [];
      for (const l of lists) {
        if (l?.type.k !== 'slice') throw new GoCallError(`Cannot concat type ${kindName(l)} as list`);
        out.push(...listItems(l, 'concat'));
      }
      return list(out);
    },
    { variadic: A, fallible: true },
  ),
  fn('sortAlpha', [A], ([l]) =>
    go.slice(S, (l?.type.k === 'slice' ? strslice(l).sort(compareBytes) : [strval(l)]).map(str)),
  ),
  fn(
    'dict',
    [],
    (args) => {
      const out = new Map<string, GoValue>();
      for (let i = 0; i < args.length; i += 2) out.set(strval(args[i]), args[i + 1] ?? str(''));
      return dictOf(out);
    },
    { variadic: A },
  ),
  fn('get', [DICT, S], ([d, k]) => dictEntries(d).get(k!.v as string) ?? str('')),
  fn(
    'set',
    [DICT, S, A],
    ([d, k, v]) => {
      mutable(d).set(k!.v as string, v ?? nilValue());
      return d!;
    },
    { fallible: true },
  ),
  fn('unset', [DICT, S], ([d, k]) => {
    if (d && d.v !== null) (d.v as Map<string, GoValue>).delete(k!.v as string);
    return d!;
  }),
  fn('hasKey', [DICT, S], ([d, k]) => go.bool(dictEntries(d).has(k!.v as string))),
  fn(
    'pluck',
    [S],
    ([k, ...dicts]) =>
      list(
        dicts.flatMap((d) =>
          dictEntries(d).has(k!.v as string) ? [dictEntries(d).get(k!.v as string)!] : [],
        ),
      ),
    { variadic: DICT },
  ),
  fn(
    'keys',
    [],
    (dicts) => go.slice(S, dicts.flatMap((d) => [...dictEntries(d).keys()].sort(compareBytes)).map(str)),
    {
      variadic: DICT,
    },
  ),
  fn('values', [DICT], ([d]) => list(sortedEntries(d!).map(([, v]) => v))),
  fn(
    'pick',
    [DICT],
    ([d, ...keys]) => {
      const entries = dictEntries(d);
      return dictOf(
        keys.flatMap((k) =>
          entries.has(k.v as string)
            ? [[k.v as string, entries.get(k.v as string)!] as [string, GoValue]]
            : [],
        ),
      );
    },
    { variadic: S },
  ),
  fn(
    'omit',
    [DICT],
    ([d, ...keys]) => {
      const drop = new Set(keys.map((k) => k.v as string));
      return dictOf([...dictEntries(d)].filter(([k]) => !drop.has(k)));
    },
    { variadic: S },
  ),
  fn(
    'dig',
    [],
    (args) => {
      if (args.length < 3) throw new GoCallError('dig needs at least three arguments');
      const dict = args[args.length - 1]!;
      const fallback = args[args.length - 2]!;
      let current: GoValue | undefined = dict;
      for (const key of args.slice(0, -2)) {
        if (current?.type.k !== 'map') return fallback;
        current = dictEntries(current).get(strval(key));
        if (current === undefined) return fallback;
      }
      return current ?? fallback;
    },
    { variadic: A, fallible: true },
  ),
];
