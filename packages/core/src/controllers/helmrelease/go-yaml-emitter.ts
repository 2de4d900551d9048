/**
 * The YAML go-yaml v2 (`go.yaml.in/yaml/v2`, a libyaml port) writes for JSON-like values with
 * sorted keys: what fluxcd/pkg `chartutil.Encode` hashes into a HelmRelease's config digest. Only
 * the parts values can reach are ported: block mappings and sequences (sequences not indented
 * under their key), `{}`/`[]` for empty collections, and scalar styles chosen as libyaml chooses
 * them (plain, single-quoted, double-quoted, literal), folded past column 80. Pure.
 */

const BEST_INDENT = 2;
const BEST_WIDTH = 80;
/** Keys longer than this (bytes) are written as `? key` (libyaml's simple-key limit). */
const MAX_SIMPLE_KEY = 128;

type Style = 'plain' | 'single' | 'double' | 'literal';

const isBreak = (c: string | undefined): boolean =>
  c === '\n' || c === '\r' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isSpace = (c: string | undefined): boolean => c === ' ';
const isBlankOrEnd = (c: string | undefined): boolean =>
  c === undefined || c === ' ' || c === '\t' || isBreak(c);

/** go-yaml v2's `is_printable`: NEL and everything beyond the BMP count as unprintable there. */
function isPrintable(c: string): boolean {
  const v = c.codePointAt(0) ?? 0;
  return (
    v === 0x0a ||
    (v >= 0x20 && v <= 0x7e) ||
    (v >= 0xa0 && v <= 0xd7ff) ||
    (v >= 0xe000 && v <= 0xfffd && v !== 0xfeff)
  );
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** libyaml's `yaml_emitter_analyze_scalar` (unicode on, block context). */
function analyze(value: string): ScalarAnalysis {
  if (value === '')
    return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  const chars = [...value];
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  chars.forEach((c, i) => {
    const followedByWhitespace = isBlankOrEnd(chars[i + 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedByWhitespace) blockIndicators = true;
    } else if (c === ':' && followedByWhitespace) blockIndicators = true;
    else if (c === '#' && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c)) special = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankOrEnd(c);
  });
  const a: ScalarAnalysis = {
    multiline: lineBreaks,
    blockPlainAllowed: true,
    singleQuotedAllowed: true,
    blockAllowed: true,
  };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlainAllowed = false;
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) a.blockPlainAllowed = a.singleQuotedAllowed = false;
  if (spaceBreak || special) a.blockPlainAllowed = a.singleQuotedAllowed = a.blockAllowed = false;
  if (lineBreaks || blockIndicators) a.blockPlainAllowed = false;
  return a;
}

const BOOL_OR_NULL = new Set(
  'y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE off Off OFF ~ null Null NULL <<'.split(
    ' ',
  ),
);
const SPECIAL_FLOATS = new Set(
  '.nan .NaN .NAN .inf .Inf .INF +.inf +.Inf +.INF -.inf -.Inf -.INF'.split(' '),
);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$/;
const TIMESTAMP =
  /^\d{4}-\d{1,2}-\d{1,2}(?:([Tt]| )\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/** Whether go-yaml v2's `resolve` reads the unquoted text as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (s === '' || BOOL_OR_NULL.has(s) || SPECIAL_FLOATS.has(s)) return true;
  const first = s[0] ?? '';
  if (first === '.') return YAML_FLOAT.test(s);
  if (!/[-+0-9]/.test(first)) return false;
  if (TIMESTAMP.test(s) && /^\d{4}-/.test(s)) return true;
  const plain = s.replace(/_/g, '');
  if (GO_INT.test(plain) || YAML_FLOAT.test(plain)) return true;
  return /^-?0b[01]+$/.test(plain);
}

/** The style go-yaml v2's `stringv` asks for, then libyaml's corrections for block context. */
function scalarStyle(value: string, requested: Style, simpleKey: boolean): Style {
  const a = analyze(value);
  let style = requested;
  if (simpleKey && a.multiline) style = 'double';
  if (style === 'plain' && (!a.blockPlainAllowed || (value === '' && simpleKey))) style = 'single';
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  return style;
}

/** go-yaml v2's float text: Go's `FormatFloat(f, 'g', -1, 64)` with YAML's names for the specials. */
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // Shortest digits either way; Go switches to an exponent below 1e-4 and from 1e6 up.
  const [mantissa = '', e = '0'] = f.toExponential().split('e');
  const exponent = Number(e);
  if (exponent < -4 || exponent >= 6) {
    return `${mantissa}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return String(f);
}

/** go-yaml v2's text for a JSON number once sigs.k8s.io/yaml has made whole floats integers. */
function goNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? BigInt(n).toString() : goFloat(n);
}

function escapeDouble(c: string): string {
  const v = c.codePointAt(0) ?? 0;
  const named: Record<number, string> = {
    0x00: '0',
    0x07: 'a',
    0x08: 'b',
    0x09: 't',
    0x0a: 'n',
    0x0b: 'v',
    0x0c: 'f',
    0x0d: 'r',
    0x1b: 'e',
    0x22: '"',
    0x5c: '\\',
    0x85: 'N',
    0xa0: '_',
    0x2028: 'L',
    0x2029: 'P',
  };
  if (named[v] !== undefined) return `\\${named[v]}`;
  const hex = v.toString(16).toUpperCase();
  if (v <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  if (v <= 0xffff) return `\\u${hex.padStart(4, '0')}`;
  return `\\U${hex.padStart(8, '0')}`;
}

/** The emitter's writer state, as libyaml keeps it. */
class Writer {
  out = '';
  column = 0;
  whitespace = true;
  indention = true;
  indent = -1;
  private readonly indents: number[] = [];

  put(text: string): void {
    this.out += text;
    this.column += [...text].length;
  }
  newline(): void {
    this.out += '\n';
    this.column = 0;
  }
  pushIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }
  popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }
  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace))
      this.newline();
    while (this.column < indent) this.put(' ');
    this.whitespace = true;
    this.indention = true;
  }
  indicator(text: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }
}

function writeFolding(w: Writer, chars: string[], allowBreaks: boolean, quote: "'" | '"' | ''): void {
  let spaces = false;
  let breaks = false;
  chars.forEach((c, i) => {
    if (quote === '"' && (!isPrintable(c) || c === '\uFEFF' || isBreak(c) || c === '"' || c === '\\')) {
      w.put(escapeDouble(c));
      spaces = false;
    } else if (isSpace(c)) {
      const inner = quote === '' || (i > 0 && i < chars.length - 1);
      const nextSpace = isSpace(chars[i + 1]);
      if (allowBreaks && !spaces && w.column > BEST_WIDTH && inner && (quote === '"' || !nextSpace)) {
        w.writeIndent();
        if (quote === '"' && nextSpace) w.put('\\');
      } else w.put(c);
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && c === '\n') w.newline();
      if (c === '\n') w.newline();
      else {
        w.put(c);
        w.column = 0;
      }
      w.indention = true;
      breaks = true;
    } else {
      if (breaks) w.writeIndent();
      w.put(quote === "'" && c === "'" ? "''" : c);
      w.indention = false;
      spaces = false;
      breaks = false;
    }
  });
}

function writeLiteral(w: Writer, value: string): void {
  w.indicator('|', true, false, false);
  const chars = [...value];
  if (isSpace(chars[0]) || isBreak(chars[0])) w.indicator(String(BEST_INDENT), false, false, false);
  const last = chars.length - 1;
  let chomp = '';
  if (!isBreak(chars[last])) chomp = '-';
  else if (last === 0 || isBreak(chars[last - 1])) chomp = '+';
  if (chomp) w.indicator(chomp, false, false, false);
  w.newline();
  w.indention = true;
  w.whitespace = true;
  let breaks = true;
  for (const c of chars) {
    if (isBreak(c)) {
      w.newline();
      w.indention = true;
      breaks = true;
    } else {
      if (breaks) w.writeIndent();
      w.put(c);
      w.indention = false;
      breaks = false;
    }
  }
}

function emitScalar(w: Writer, text: string, requested: Style, simpleKey: boolean): void {
  const style = scalarStyle(text, requested, simpleKey);
  w.pushIndent(true, false);
  const chars = [...text];
  if (style === 'literal') writeLiteral(w, text);
  else if (style === 'plain') {
    if (!w.whitespace) w.put(' ');
    writeFolding(w, chars, !simpleKey, '');
    w.whitespace = false;
    w.indention = false;
  } else {
    const quote = style === 'single' ? "'" : '"';
    w.indicator(quote, true, false, false);
    writeFolding(w, chars, !simpleKey, quote);
    w.indicator(quote, false, false, false);
    w.whitespace = false;
    w.indention = false;
  }
  w.popIndent();
}

function stringScalar(w: Writer, s: string, simpleKey: boolean): void {
  const canUsePlain = !resolvesToNonString(s) && !BASE60_FLOAT.test(s);
  const requested: Style = s.includes('\n') ? 'literal' : canUsePlain ? 'plain' : 'double';
  emitScalar(w, s, requested, simpleKey);
}

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

interface NodeContext {
  mapping: boolean;
  simpleKey: boolean;
}

function emitNode(w: Writer, value: unknown, ctx: NodeContext): void {
  if (isMap(value) || Array.isArray(value)) {
    const entries = isMap(value) ? Object.keys(value).length : value.length;
    if (entries === 0) {
      w.indicator(isMap(value) ? '{}' : '[]', true, false, false);
      return;
    }
    if (isMap(value)) emitMapping(w, value);
    else emitSequence(w, value, ctx.mapping);
    return;
  }
  if (value === null || value === undefined) emitScalar(w, 'null', 'plain', ctx.simpleKey);
  else if (typeof value === 'boolean') emitScalar(w, String(value), 'plain', ctx.simpleKey);
  else if (typeof value === 'number') {
    emitScalar(w, goNumber(value), 'plain', ctx.simpleKey);
  } else stringScalar(w, String(value), ctx.simpleKey);
}

function emitMapping(w: Writer, map: Record<string, unknown>): void {
  w.pushIndent(false, false);
  for (const key of Object.keys(map).sort(compareGo)) {
    w.writeIndent();
    const simple = !key.includes('\n') && Buffer.byteLength(key) <= MAX_SIMPLE_KEY;
    if (simple) {
      stringScalar(w, key, true);
      w.indicator(':', false, false, false);
    } else {
      w.indicator('?', true, false, true);
      stringScalar(w, key, false);
      w.writeIndent();
      w.indicator(':', true, false, true);
    }
    emitNode(w, map[key], { mapping: true, simpleKey: false });
  }
  w.popIndent();
}

function emitSequence(w: Writer, items: readonly unknown[], mappingContext: boolean): void {
  w.pushIndent(false, mappingContext && !w.indention);
  for (const item of items) {
    w.writeIndent();
    w.indicator('-', true, false, true);
    emitNode(w, item, { mapping: false, simpleKey: false });
  }
  w.popIndent();
}

/** Go's string order (bytes, i.e. UTF-8 code units), as `sort.Slice` on keys compares them. */
function compareGo(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/**
 * The document go-yaml v2 writes for a map with its keys sorted (fluxcd/pkg `SortMapSlice`),
 * including the final newline; `''` for no values. Pure.
 */
export function goYamlSorted(values: Record<string, unknown>): string {
  if (Object.keys(values).length === 0) return '';
  const w = new Writer();
  emitNode(w, values, { mapping: false, simpleKey: false });
  w.writeIndent();
  return w.out;
}
