/** Go text/template's lexer (text/template/parse/lex.go), ported: the same items, positions and errors. */

/** Item kinds, in Go's order (keywords after `Keyword`). */
export const enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

/** One lexed item: kind, UTF-16 position in the input, text, starting line. */
export interface Item {
  typ: T;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, T> = {
  '.': T.Dot,
  block: T.Block,
  break: T.Break,
  continue: T.Continue,
  define: T.Define,
  else: T.Else,
  end: T.End,
  if: T.If,
  range: T.Range,
  nil: T.Nil,
  template: T.Template,
  with: T.With,
};

const LEFT = '{{';
const RIGHT = '}}';
const SPACE = ' \t\r\n';
const isSpace = (c: string | undefined): boolean => c !== undefined && c !== '' && SPACE.includes(c);
const ALNUM = /^[\p{L}\p{Nd}_]$/u;
const isAlphaNumeric = (c: string | undefined): boolean => c !== undefined && ALNUM.test(c);
const hasLeftTrim = (s: string): boolean => s.length >= 2 && s[0] === '-' && isSpace(s[1]);
const hasRightTrim = (s: string): boolean => s.length >= 2 && isSpace(s[0]) && s[1] === '-';
const trimRightLength = (s: string): number => s.length - s.replace(/[ \t\r\n]+$/, '').length;
const trimLeftLength = (s: string): number => s.length - s.replace(/^[ \t\r\n]+/, '').length;

/** Go's `%q` of an item for error messages (`item.String()`). */
export function itemString(item: Item): string {
  if (item.typ === T.EOF) return 'EOF';
  if (item.typ === T.Error) return item.val;
  if (item.typ > T.Keyword) return `<${item.val}>`;
  if ([...item.val].length > 10) return `${goQuote([...item.val].slice(0, 10).join(''))}...`;
  return goQuote(item.val);
}

/** Go's `strconv.Quote` for the printable cases templates meet. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Go's `%#U` of a character (`U+0021 '!'`). */
function unicodeName(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')} '${c}'`;
}

/** Scans a whole template into items (Go runs this as a goroutine; here it runs to the end or first error). */
export function lex(input: string, options: { breakOK: boolean; continueOK: boolean }): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let start = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;
  const emit = (typ: T): void => {
    items.push({ typ, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = (): void => {
    line += countNewlines(input.slice(start, pos));
    start = pos;
    startLine = line;
  };
  const error = (message: string): void => {
    items.push({ typ: T.Error, pos: start, val: message, line: startLine });
  };
  const next = (): string | undefined => {
    if (pos >= input.length) {
      pos = input.length + 1;
      return undefined;
    }
    const c = String.fromCodePoint(input.codePointAt(pos) ?? 0);
    pos += c.length;
    if (c === '\n') line++;
    return c;
  };
  const backup = (c: string | undefined): void => {
    if (c === undefined) {
      pos = input.length;
      return;
    }
    pos -= c.length;
    if (c === '\n') line--;
  };
  const peek = (): string | undefined => {
    const c = next();
    backup(c);
    return c;
  };
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (hasRightTrim(input.slice(pos)) && input.startsWith(RIGHT, pos + 2))
      return { delim: true, trim: true };
    return { delim: input.startsWith(RIGHT, pos), trim: false };
  };
  const atTerminator = (): boolean => {
    const c = peek();
    if (isSpace(c)) return true;
    if (c === undefined || '.,|:)('.includes(c)) return true;
    return input.startsWith(RIGHT, pos);
  };

  type State = (() => State) | null;
  const lexText = (): State => {
    const x = input.indexOf(LEFT, pos);
    if (x >= 0) {
      pos = x;
      const trim = hasLeftTrim(input.slice(pos + LEFT.length)) ? trimRightLength(input.slice(start, pos)) : 0;
      pos -= trim;
      if (pos > start) {
        line += countNewlines(input.slice(start, pos));
        emit(T.Text);
      }
      pos += trim;
      ignore();
      return lexLeftDelim;
    }
    pos = input.length;
    if (pos > start) {
      line += countNewlines(input.slice(start, pos));
      emit(T.Text);
    }
    emit(T.EOF);
    return null;
  };
  const lexLeftDelim = (): State => {
    pos += LEFT.length;
    const trim = hasLeftTrim(input.slice(pos));
    const after = trim ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      ignore();
      return lexComment;
    }
    emit(T.LeftDelim);
    pos += after;
    ignore();
    parenDepth = 0;
    return lexInsideAction;
  };
  const lexComment = (): State => {
    pos += 2;
    const i = input.indexOf('*/', pos);
    if (i < 0) return (error('unclosed comment'), null);
    pos = i + 2;
    const { delim, trim } = atRightDelim();
    if (!delim) return (error('comment ends before closing delimiter'), null);
    if (trim) pos += 2;
    pos += RIGHT.length;
    if (trim) pos += trimLeftLength(input.slice(pos));
    ignore();
    return lexText;
  };
  const lexRightDelim = (): State => {
    const trim = hasRightTrim(input.slice(pos));
    if (trim) {
      pos += 2;
      ignore();
    }
    pos += RIGHT.length;
    emit(T.RightDelim);
    if (trim) {
      pos += trimLeftLength(input.slice(pos));
      ignore();
    }
    return lexText;
  };
  const lexInsideAction = (): State => {
    if (atRightDelim().delim) {
      if (parenDepth === 0) return lexRightDelim;
      return (error('unclosed left paren'), null);
    }
    const c = next();
    if (c === undefined) return (error('unclosed action'), null);
    if (isSpace(c)) {
      backup(c);
      return lexSpace;
    }
    if (c === '=') emit(T.Assign);
    else if (c === ':') {
      if (next() !== '=') return (error('expected :='), null);
      emit(T.Declare);
    } else if (c === '|') emit(T.Pipe);
    else if (c === '"') return lexQuote;
    else if (c === '`') return lexRawQuote;
    else if (c === '$') return lexVariable;
    else if (c === "'") return lexChar;
    else if (c === '.' && !(pos < input.length && input[pos]! >= '0' && input[pos]! <= '9')) return lexField;
    else if (c === '.' || c === '+' || c === '-' || (c >= '0' && c <= '9')) {
      backup(c);
      return lexNumber;
    } else if (isAlphaNumeric(c)) {
      backup(c);
      return lexIdentifier;
    } else if (c === '(') {
      emit(T.LeftParen);
      parenDepth++;
    } else if (c === ')') {
      emit(T.RightParen);
      parenDepth--;
      if (parenDepth < 0) return (error(`unexpected right paren ${unicodeName(c)}`), null);
    } else if ((c.codePointAt(0) ?? 0) <= 0x7e && (c.codePointAt(0) ?? 0) >= 0x20) emit(T.Char);
    else return (error(`unrecognized character in action: ${unicodeName(c)}`), null);
    return lexInsideAction;
  };
  const lexSpace = (): State => {
    let spaces = 0;
    while (isSpace(peek())) {
      next();
      spaces++;
    }
    if (hasRightTrim(input.slice(pos - 1)) && input.startsWith(RIGHT, pos - 1 + 2)) {
      backup(input[pos - 1]);
      if (spaces === 1) return lexRightDelim;
    }
    emit(T.Space);
    return lexInsideAction;
  };
  const lexIdentifier = (): State => {
    for (;;) {
      const c = next();
      if (isAlphaNumeric(c)) continue;
      backup(c);
      const word = input.slice(start, pos);
      if (!atTerminator()) return (error(`bad character ${unicodeName(c ?? '')}`), null);
      const keyword = KEYWORDS[word];
      if (keyword !== undefined && keyword > T.Keyword) {
        if ((keyword === T.Break && !options.breakOK) || (keyword === T.Continue && !options.continueOK))
          emit(T.Identifier);
        else emit(keyword);
      } else if (word.startsWith('.')) emit(T.Field);
      else if (word === 'true' || word === 'false') emit(T.Bool);
      else emit(T.Identifier);
      return lexInsideAction;
    }
  };
  const lexFieldOrVariable = (typ: T): State => {
    if (atTerminator()) {
      emit(typ === T.Variable ? T.Variable : T.Dot);
      return lexInsideAction;
    }
    let c: string | undefined;
    for (;;) {
      c = next();
      if (!isAlphaNumeric(c)) {
        backup(c);
        break;
      }
    }
    if (!atTerminator()) return (error(`bad character ${unicodeName(c ?? '')}`), null);
    emit(typ);
    return lexInsideAction;
  };
  const lexField = (): State => lexFieldOrVariable(T.Field);
  const lexVariable = (): State => {
    if (atTerminator()) {
      emit(T.Variable);
      return lexInsideAction;
    }
    return lexFieldOrVariable(T.Variable);
  };
  const lexQuoted = (close: string, kind: T, unterminated: string, escapes: boolean): State => {
    for (;;) {
      const c = next();
      if (escapes && c === '\\') {
        const d = next();
        if (d !== undefined && d !== '\n') continue;
        return (error(unterminated), null);
      }
      if (c === undefined || (escapes && c === '\n')) return (error(unterminated), null);
      if (c === close) break;
    }
    emit(kind);
    return lexInsideAction;
  };
  const lexChar = (): State => lexQuoted("'", T.CharConstant, 'unterminated character constant', true);
  const lexQuote = (): State => lexQuoted('"', T.String, 'unterminated quoted string', true);
  const lexRawQuote = (): State => lexQuoted('`', T.RawString, 'unterminated raw quoted string', false);
  const accept = (valid: string): boolean => {
    const c = next();
    if (c !== undefined && valid.includes(c)) return true;
    backup(c);
    return false;
  };
  const acceptRun = (valid: string): void => {
    for (;;) {
      const c = next();
      if (c === undefined || !valid.includes(c)) {
        backup(c);
        return;
      }
    }
  };
  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(peek())) {
      next();
      return false;
    }
    return true;
  };
  const lexNumber = (): State => {
    if (!scanNumber()) return (error(`bad number syntax: ${goQuote(input.slice(start, pos))}`), null);
    const sign = peek();
    if (sign === '+' || sign === '-') {
      if (!scanNumber() || input[pos - 1] !== 'i')
        return (error(`bad number syntax: ${goQuote(input.slice(start, pos))}`), null);
      emit(T.Complex);
    } else emit(T.Number);
    return lexInsideAction;
  };

  for (let state: State = lexText; state !== null;) state = state();
  return items;
}

function countNewlines(s: string): number {
  let n = 0;
  for (const c of s) if (c === '\n') n++;
  return n;
}
