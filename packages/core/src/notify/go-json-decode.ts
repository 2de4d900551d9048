import { foldJsonKey } from '../render/go-json-field.js';

/**
 * Whether Go's `encoding/json` decodes a webhook body into a payload struct, as
 * notification-controller's receiver handlers do: Go's grammar and its nesting limit (10,000),
 * every occurrence of a key type-checked (JSON.parse would keep only the last), keys matched
 * exactly or under `bytes.EqualFold`, `null` accepted everywhere, unknown keys ignored. Values
 * are not built, except the strings landing in string fields (by field path), which a caller may
need as Go would hold them. Pure, linear in the text.
 */

/** A Go type a payload field has: a string, `[]string`, `time.Time`, a struct, or anything (ignored). */
export type GoJsonType = 'string' | 'strings' | 'time' | 'any' | GoJsonStruct;
/** A struct: its JSON field names and their types. */
export interface GoJsonStruct {
  readonly [field: string]: GoJsonType;
}

/** How much of the text Go reads: `Decoder.Decode` stops after the first value, `Unmarshal` wants only it. */
export type GoJsonMode = 'first-value' | 'whole';

/** `time.Time.UnmarshalJSON`'s check of the raw token (quotes included); true when Go accepts it. */
export type GoTimeCheck = (raw: string) => boolean;

const MAX_DEPTH = 10_000;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

class Syntax extends Error {}

interface Frame {
  kind: 'object' | 'array';
  type: GoJsonType;
  /** Field names from the top (`message.data`); undefined inside lists and ignored values. */
  path: string | undefined;
  afterValue: boolean;
}

/** What Go's decoder makes of a body. */
export interface GoJsonDecoded {
  /** The error Go would report (its gist), or undefined when the body decodes into the type. */
  error: string | undefined;
  /** String fields by path as Go leaves them: the last occurrence under any spelling wins, null keeps the value. */
  strings: ReadonlyMap<string, string>;
}

/** Decodes `text` into `type` as Go's `encoding/json` would, keeping only the verdict and the string fields. Pure. */
export function goJsonDecode(
  text: string,
  type: GoJsonType,
  mode: GoJsonMode,
  timeOk: GoTimeCheck,
): GoJsonDecoded {
  const walker = new Walker(text, timeOk);
  try {
    walker.skipSpace();
    if (walker.at >= text.length) throw new Syntax('unexpected end of JSON input');
    walker.document(type, mode);
  } catch (error) {
    if (error instanceof Syntax) return { error: error.message, strings: walker.strings };
    throw error;
  }
  return { error: walker.typeError, strings: walker.strings };
}

class Walker {
  at = 0;
  typeError: string | undefined;
  readonly strings = new Map<string, string>();
  private readonly stack: Frame[] = [];

  constructor(
    private readonly text: string,
    private readonly timeOk: GoTimeCheck,
  ) {}

  skipSpace(): void {
    while (' \t\r\n'.includes(this.text[this.at] ?? 'x')) this.at++;
  }

  document(type: GoJsonType, mode: GoJsonMode): void {
    // Decoder.Decode ends a top-level literal at its last letter: `nullx` is a null.
    if (mode === 'first-value' && this.text.startsWith('null', this.at)) return;
    this.value(type, '');
    while (this.stack.length > 0) this.step();
    this.skipSpace();
    if (mode === 'whole' && this.at < this.text.length)
      throw new Syntax(`invalid character after top-level value`);
  }

  private mismatch(type: GoJsonType, what: string): void {
    this.typeError ??= `cannot unmarshal ${what} into a Go value of type ${typeof type === 'string' ? type : 'struct'}`;
  }

  private value(type: GoJsonType, path: string | undefined): void {
    this.skipSpace();
    const c = this.text[this.at];
    if (c === '{' || c === '[') {
      const object = c === '{';
      const fits = type === 'any' || (object ? typeof type === 'object' : type === 'strings');
      if (!fits) this.mismatch(type, object ? 'object' : 'array');
      if (this.stack.length >= MAX_DEPTH) throw new Syntax('exceeded max depth');
      const inner: GoJsonType = !fits ? 'any' : object ? type : type === 'strings' ? 'string' : 'any';
      const innerPath = object && fits ? path : undefined;
      this.stack.push({ kind: object ? 'object' : 'array', type: inner, path: innerPath, afterValue: false });
      this.at++;
      return;
    }
    if (c === '"') {
      const raw = this.token(STRING, 'string literal');
      if (type === 'time' ? !this.timeOk(raw) : type !== 'string' && type !== 'any')
        this.mismatch(type, 'string');
      if (type === 'string' && path !== undefined) this.strings.set(path, JSON.parse(raw) as string);
      return;
    }
    if (this.text.startsWith('null', this.at)) {
      this.at += 4;
      return;
    }
    const literal = ['true', 'false'].find((word) => this.text.startsWith(word, this.at));
    if (literal) this.at += literal.length;
    else this.token(NUMBER, 'value');
    if (type !== 'any') this.mismatch(type, literal ? 'bool' : 'number');
  }

  private token(pattern: RegExp, what: string): string {
    pattern.lastIndex = this.at;
    const match = pattern.exec(this.text);
    if (!match) throw new Syntax(`invalid ${what} at offset ${this.at}`);
    this.at = pattern.lastIndex;
    return match[0];
  }

  /** One move inside the innermost container: close it, or read its next member. */
  private step(): void {
    const frame = this.stack[this.stack.length - 1] as Frame;
    this.skipSpace();
    const close = frame.kind === 'object' ? '}' : ']';
    const c = this.text[this.at];
    if (c === undefined) throw new Syntax('unexpected end of JSON input');
    if (c === close) {
      this.at++;
      this.stack.pop();
      return;
    }
    if (frame.afterValue) {
      if (c !== ',') throw new Syntax(`invalid character at offset ${this.at}`);
      this.at++;
      this.skipSpace();
    } else if (c === ',') throw new Syntax(`invalid character at offset ${this.at}`);
    frame.afterValue = true;
    if (frame.kind === 'array') return this.value(frame.type, undefined);
    if (this.text[this.at] !== '"') throw new Syntax(`invalid character at offset ${this.at}`);
    const key = JSON.parse(this.token(STRING, 'object key')) as string;
    this.skipSpace();
    if (this.text[this.at] !== ':') throw new Syntax(`invalid character at offset ${this.at}`);
    this.at++;
    const field = fieldOf(frame.type, key);
    const type = field === undefined ? 'any' : ((frame.type as GoJsonStruct)[field] as GoJsonType);
    const path =
      field === undefined || frame.path === undefined
        ? undefined
        : frame.path
          ? `${frame.path}.${field}`
          : field;
    this.value(type, path);
  }
}

/** The struct field a key lands in: an exact name first, then one equal under folding. */
function fieldOf(type: GoJsonType, key: string): string | undefined {
  if (typeof type !== 'object') return undefined;
  if (Object.hasOwn(type, key)) return key;
  const folded = foldJsonKey(key);
  return Object.keys(type).find((name) => foldJsonKey(name) === folded);
}
