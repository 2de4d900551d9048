import { SopsError } from './errors.js';
import { formatFloatJson, formatFloatF } from './go-numbers.js';
import { branch, isBranch, isComment, type TreeBranch, type TreeItem, type TreeValue } from './tree.js';

/** Deepest nesting accepted: Go's decoder stops at 10,000; far less is enough for any real file. */
const MAX_DEPTH = 1000;

/**
 * sops's JSON store: a top-level object read in file order (duplicate keys kept, as Go's token
 * decoder keeps them), integers as int64 when they fit, other numbers as float64. Linear, with a
 * depth bound. Pure.
 */
class JsonReader {
  private i = 0;
  constructor(private readonly s: string) {}

  private fail(what: string): never {
    throw new SopsError(`Could not unmarshal input data: ${what} at offset ${this.i}`);
  }
  private ws(): void {
    while (this.i < this.s.length && ' \t\r\n'.includes(this.s[this.i] ?? '')) this.i++;
  }
  private expect(c: string): void {
    this.ws();
    if (this.s[this.i] !== c) this.fail(`expected '${c}'`);
    this.i++;
  }

  document(): TreeBranch {
    this.ws();
    if (this.s[this.i] !== '{')
      throw new SopsError(
        "Could not unmarshal input data: SOPS only supports JSON files with a top-level object (starting with '{')",
      );
    const out = this.object(0);
    this.ws();
    return out;
  }

  private value(depth: number): TreeValue {
    if (depth > MAX_DEPTH) this.fail('exceeded max depth');
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object(depth + 1);
    if (c === '[') return this.array(depth + 1);
    if (c === '"') return this.string();
    for (const [word, v] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.s.startsWith(word, this.i)) {
        this.i += word.length;
        return v;
      }
    }
    return this.number();
  }

  private object(depth: number): TreeBranch {
    this.expect('{');
    const items: TreeItem[] = [];
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return branch(items);
    }
    for (;;) {
      this.ws();
      const key = this.string();
      this.expect(':');
      items.push({ key, value: this.value(depth) });
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return branch(items);
      if (c !== ',') this.fail("expected ',' or '}'");
    }
  }

  private array(depth: number): TreeValue[] {
    this.expect('[');
    const out: TreeValue[] = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value(depth));
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') this.fail("expected ',' or ']'");
    }
  }

  private string(): string {
    if (this.s[this.i] !== '"') this.fail('expected string');
    const start = this.i;
    this.i++;
    while (this.i < this.s.length && this.s[this.i] !== '"') {
      if (this.s[this.i] === '\\') this.i++;
      else if ((this.s.charCodeAt(this.i) ?? 0) < 0x20) this.fail('invalid character in string literal');
      this.i++;
    }
    if (this.i >= this.s.length) this.fail('unexpected end of JSON input');
    this.i++;
    try {
      return JSON.parse(this.s.slice(start, this.i)) as string;
    } catch {
      return this.fail('invalid string escape');
    }
  }

  private number(): TreeValue {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.s.slice(this.i, this.i + 400));
    if (!m || m[0] === '') this.fail('invalid character looking for beginning of value');
    const text = m[0];
    this.i += text.length;
    if (!m[2] && !m[3]) {
      const v = BigInt(text);
      if (v >= -(2n ** 63n) && v < 2n ** 63n) return { t: 'int', v };
    }
    const f = Number(text);
    if (!Number.isFinite(f))
      this.fail(`strconv.ParseFloat: parsing ${JSON.stringify(text)}: value out of range`);
    return { t: 'float', v: f };
  }
}

/** Loads a JSON document into one branch. Pure. */
export function loadJson(text: string): TreeBranch[] {
  return [new JsonReader(text).document()];
}

/** `encoding/json`'s string form: HTML-safe escapes, as `json.Marshal` writes them. Pure. */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029)
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function encode(v: TreeValue, indent: string, depth: number): string {
  const pad = (d: number): string => `\n${indent.repeat(d)}`;
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const items = v.filter((x) => !isComment(x)).map((x) => pad(depth + 1) + encode(x, indent, depth + 1));
    return items.length ? `[${items.join(',')}${pad(depth)}]` : '[]';
  }
  switch (v.t) {
    case 'branch': {
      const items = v.items
        .filter((i) => !isComment(i.key))
        .map(
          (i) => `${pad(depth + 1)}${goJsonString(i.key as string)}: ${encode(i.value, indent, depth + 1)}`,
        );
      return items.length ? `{${items.join(',')}${pad(depth)}}` : '{}';
    }
    case 'int':
      return v.v.toString();
    case 'float':
      return formatFloatJson(v.v);
    case 'time':
      return goJsonString(v.v);
    case 'bytes':
      return goJsonString(Buffer.from(v.v).toString('base64'));
    case 'comment':
      return '{}';
  }
}

/** sops's JSON `EmitPlainFile`: the first branch, tab-indented, with a final newline. Pure. */
export function emitJson(branches: readonly TreeBranch[]): string {
  const first = branches[0] ?? branch();
  return `${encode(first, '\t', 0)}\n`;
}

/** A JSON-ready plain value (for objects decrypted in place): ints and floats become numbers. Pure. */
export function toJsValue(v: TreeValue): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.filter((x) => !isComment(x)).map(toJsValue);
  if (isBranch(v)) {
    const out: Record<string, unknown> = {};
    for (const i of v.items) if (!isComment(i.key)) out[i.key] = toJsValue(i.value);
    return out;
  }
  if (v.t === 'int') return Number(v.v);
  if (v.t === 'float') return Number(formatFloatF(v.v));
  if (v.t === 'bytes') return Buffer.from(v.v).toString('base64');
  return v.v;
}

/** A tree from a plain JSON value (an object built by kustomize). Pure. */
export function fromJsValue(v: unknown): TreeValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number')
    return Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER
      ? { t: 'int', v: BigInt(v) }
      : { t: 'float', v };
  if (Array.isArray(v)) return v.map(fromJsValue);
  if (typeof v === 'object')
    return branch(Object.entries(v).map(([key, value]) => ({ key, value: fromJsValue(value) })));
  return String(v);
}
