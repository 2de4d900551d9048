/**
 * A port of Helm's `pkg/strvals` parser (`--set` / `--set-string`), which fluxcd/pkg uses to
 * apply a `valuesFrom[].targetPath`. Paths are dotted keys with `[n]` list indexes and `\`
 * escapes; a value may be a `{a,b}` list; commas separate assignments. `ParseInto` types
 * values (`true`, `null`, integers without a leading 0), `ParseIntoString` keeps strings.
 * Errors carry Helm's words. Pure.
 */

type Values = Record<string, unknown>;

/** Helm's limits on indexes and nesting. */
const MAX_INDEX = 65536;
const MAX_NESTED_NAME_LEVEL = 30;

/** Thrown for malformed input, with Helm's message. */
export class StrvalsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StrvalsError';
  }
}

const EOF = Symbol('EOF');
const NOT_LIST = Symbol('not a list');

/** A rune reader over a string (code points, as Go's bytes.Buffer ReadRune). */
class Scanner {
  private readonly runes: string[];
  private pos = 0;
  constructor(text: string) {
    this.runes = [...text];
  }
  read(): string | typeof EOF {
    return this.pos < this.runes.length ? (this.runes[this.pos++] as string) : EOF;
  }
  unread(): void {
    if (this.pos > 0) this.pos -= 1;
  }
}

function runesUntil(sc: Scanner, stop: string): { value: string; last: string | typeof EOF } {
  let value = '';
  for (;;) {
    const r = sc.read();
    if (r === EOF) return { value, last: EOF };
    if (stop.includes(r)) return { value, last: r };
    if (r === '\\') {
      const next = sc.read();
      if (next === EOF) return { value, last: EOF };
      value += next;
    } else value += r;
  }
}

/** Helm's `typedVal`. */
function typedVal(value: string, asString: boolean): unknown {
  if (asString) return value;
  const lower = value.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (value === '0') return 0;
  if (value.length > 0 && value[0] !== '0' && /^[+-]?\d+$/.test(value)) {
    const n = Number(value);
    // Go parses into an int64; beyond JavaScript's exact range the text is kept.
    if (Number.isSafeInteger(n)) return n;
    if (BigInt(value) <= 9223372036854775807n && BigInt(value) >= -9223372036854775808n) return value;
  }
  return value;
}

function typeName(value: unknown): string {
  if (Array.isArray(value)) return '[]interface {}';
  if (value === null) return 'nil';
  if (typeof value === 'object') return 'map[string]interface {}';
  if (typeof value === 'number') return 'int64';
  return typeof value === 'boolean' ? 'bool' : 'string';
}

class Parser {
  constructor(
    private readonly sc: Scanner,
    private readonly data: Values,
    private readonly asString: boolean,
  ) {}

  parse(): void {
    for (;;) {
      const result = this.keyRecovering(this.data, 0);
      if (result === undefined) continue;
      if (result === EOF) return;
      throw result;
    }
  }

  private keyRecovering(data: Values, level: number): StrvalsError | typeof EOF | undefined {
    try {
      return this.key(data, level);
    } catch (error) {
      if (error instanceof StrvalsError) return error;
      return new StrvalsError(`unable to parse key: ${(error as Error).message}`);
    }
  }

  private key(data: Values, level: number): StrvalsError | typeof EOF | undefined {
    const { value: k, last } = runesUntil(this.sc, '=[,.');
    if (last === EOF) return k.length === 0 ? EOF : new StrvalsError(`key "${k}" has no value`);
    if (last === '[') {
      const index = this.keyIndex();
      const existing = own(data, k);
      if (existing !== undefined && !Array.isArray(existing)) {
        throw new Error(`interface conversion: interface {} is ${typeName(existing)}, not []interface {}`);
      }
      const { list, error } = this.listItem((existing as unknown[] | undefined) ?? [], index, level);
      set(data, k, list);
      return error;
    }
    if (last === '=') return this.assign(data, k);
    if (last === ',') {
      set(data, k, '');
      return new StrvalsError(`key "${k}" has no value (cannot end with ,)`);
    }
    const next = level + 1;
    if (next > MAX_NESTED_NAME_LEVEL) {
      return new StrvalsError(
        `value name nested level is greater than maximum supported nested level of ${MAX_NESTED_NAME_LEVEL}`,
      );
    }
    const existing = own(data, k);
    if (
      existing !== undefined &&
      (existing === null || typeof existing !== 'object' || Array.isArray(existing))
    ) {
      throw new Error(
        `interface conversion: interface {} is ${typeName(existing)}, not map[string]interface {}`,
      );
    }
    const inner: Values = (existing as Values | undefined) ?? {};
    const error = this.key(inner, next);
    if (error === undefined && Object.keys(inner).length === 0)
      return new StrvalsError(`key map "${k}" has no value`);
    if (Object.keys(inner).length !== 0) set(data, k, inner);
    return error;
  }

  private assign(data: Values, k: string): StrvalsError | typeof EOF | undefined {
    const list = this.valList();
    if (list === EOF) {
      set(data, k, '');
      return EOF;
    }
    if (list === NOT_LIST) {
      // Go returns the reader's (nil) error even at the end of input; the next key finds EOF.
      set(data, k, typedVal(runesUntil(this.sc, ',').value, this.asString));
      return undefined;
    }
    if (list instanceof StrvalsError) return list;
    set(data, k, list);
    return undefined;
  }

  private keyIndex(): number {
    const { value, last } = runesUntil(this.sc, ']');
    if (last === EOF) throw new StrvalsError('error parsing index: EOF');
    if (!/^[+-]?\d+$/.test(value)) {
      throw new StrvalsError(`error parsing index: strconv.Atoi: parsing "${value}": invalid syntax`);
    }
    return Number(value);
  }

  private listItem(
    list: unknown[],
    i: number,
    level: number,
  ): { list: unknown[]; error?: StrvalsError | typeof EOF } {
    if (i < 0) return { list, error: new StrvalsError(`negative ${i} index not allowed`) };
    const { value: k, last } = runesUntil(this.sc, '[.=');
    if (k.length > 0)
      return { list, error: new StrvalsError(`unexpected data at end of array index: "${k}"`) };
    if (last === EOF) return { list, error: EOF };
    if (last === '=') {
      const values = this.valList();
      if (values === EOF) return setIndex(list, i, '');
      if (values === NOT_LIST) {
        const { value } = runesUntil(this.sc, ',');
        return setIndex(list, i, typedVal(value, this.asString));
      }
      if (values instanceof StrvalsError) return { list, error: values };
      return setIndex(list, i, values);
    }
    if (last === '[') {
      const next = this.keyIndex();
      const existed = list.length > i ? list[i] : undefined;
      if (existed !== undefined && existed !== null && !Array.isArray(existed)) {
        throw new Error(`interface conversion: interface {} is ${typeName(existed)}, not []interface {}`);
      }
      const inner = this.listItem((existed as unknown[] | null | undefined) ?? [], next, level);
      if (inner.error) return { list, error: inner.error };
      return setIndex(list, i, inner.list);
    }
    const current = list.length > i ? list[i] : undefined;
    const inner: Values =
      current !== null && typeof current === 'object' && !Array.isArray(current) ? (current as Values) : {};
    const error = this.key(inner, level);
    if (error !== undefined) return { list, error };
    return setIndex(list, i, inner);
  }

  private valList(): unknown[] | typeof EOF | typeof NOT_LIST | StrvalsError {
    const first = this.sc.read();
    if (first === EOF) return EOF;
    if (first !== '{') {
      this.sc.unread();
      return NOT_LIST;
    }
    const list: unknown[] = [];
    for (;;) {
      const { value, last } = runesUntil(this.sc, ',}');
      if (last === EOF) return new StrvalsError("list must terminate with '}'");
      list.push(typedVal(value, this.asString));
      if (last === '}') {
        const after = this.sc.read();
        if (after !== EOF && after !== ',') this.sc.unread();
        return list;
      }
    }
  }
}

/**
 * A key's own value. `__proto__`, `constructor` and friends are ordinary keys in Go's maps; read
 * through `data[k]`, `__proto__.x=1` walked into Object.prototype and set `x` on every object of
 * the process (a HelmRelease `valuesFrom[].targetPath` is tenant input).
 */
function own(data: Values, key: string): unknown {
  return Object.hasOwn(data, key) ? data[key] : undefined;
}

/** Sets an own property, even for `__proto__` (plain assignment would replace the prototype). */
function set(data: Values, key: string, value: unknown): void {
  if (key.length > 0)
    Object.defineProperty(data, key, { value, enumerable: true, writable: true, configurable: true });
}

function setIndex(list: unknown[], index: number, value: unknown): { list: unknown[]; error?: StrvalsError } {
  if (index < 0) return { list, error: new StrvalsError(`negative ${index} index not allowed`) };
  if (index > MAX_INDEX) {
    return {
      list,
      error: new StrvalsError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`),
    };
  }
  const out =
    list.length <= index ? [...list, ...new Array<unknown>(index + 1 - list.length).fill(null)] : list;
  out[index] = value;
  return { list: out };
}

/** Helm's `strvals.ParseInto`: typed values. Mutates `dest`; throws {@link StrvalsError}. */
export function parseInto(text: string, dest: Values): void {
  new Parser(new Scanner(text), dest, false).parse();
}

/** Helm's `strvals.ParseIntoString`: every value a string. Mutates `dest`; throws {@link StrvalsError}. */
export function parseIntoString(text: string, dest: Values): void {
  new Parser(new Scanner(text), dest, true).parse();
}
