/**
 * The envsubst scanner, ported from fluxcd/pkg `envsubst/parse/scan.go` (a fork of
 * drone/envsubst). Modes and accept functions steer it; `$$` (and, inside expansions, `\/`
 * and `\\`) are escapes that drop their first character.
 */

/** Code point 0: end of input (a NUL in the input reads the same, as in Go). */
export const EOF = 0;

/** Token kinds. */
export const Token = { Illegal: 0, EOF: 1, Ident: 2, Lbrack: 3, Rbrack: 4 } as const;
/** One of {@link Token}. */
export type TokenKind = (typeof Token)[keyof typeof Token];

/** Scanner mode bits. */
export const ScanMode = { Ident: 1, Lbrack: 2, Rbrack: 4, Escape: 8 } as const;
/** Escape character bits. */
export const EscapeChars = { Dollar: 1, Backslash: 2, All: 3 } as const;

/** Decides whether the rune `r`, ending at offset `i` of the token, belongs to it. */
export type AcceptFn = (r: number, i: number) => boolean;

const ch = (c: string): number => c.charCodeAt(0);

/**
 * A cursor over the input's UTF-8 bytes, as Go's scanner walks a string: positions and the
 * offsets accept functions see are bytes, and `unread` steps back by the width of the last rune
 * read — even after a `peek` read a wider one, a quirk the parser's `${v:…}` path depends on
 * (Go reads `${v:é}` as a bad substitution). An escape's first character is not cut out of the
 * buffer (Go copies the whole buffer per escape: quadratic); it is marked and left out of text.
 */
export class Scanner {
  private buf: Uint8Array = new Uint8Array(0);
  pos = 0;
  start = 0;
  width = 0;
  mode = 0;
  escapeChars = 0;
  accept: AcceptFn = () => false;
  /** Byte positions of escapes' first characters, ascending. */
  private readonly dropped: number[] = [];
  /** How many of them lie in the current token (Go's offsets no longer count them). */
  private droppedInToken = 0;

  init(buf: string): void {
    this.buf = Buffer.from(buf, 'utf8');
    this.pos = 0;
    this.start = 0;
    this.width = 0;
    this.dropped.length = 0;
  }

  /** Go's `utf8.DecodeRuneInString` on a valid string read from any byte (a stray byte is U+FFFD). */
  read(): number {
    if (this.pos >= this.buf.length) {
      this.width = 0;
      return EOF;
    }
    const c = this.buf[this.pos] ?? 0;
    let rune = 0xfffd;
    let width = 1;
    if (c < 0x80) rune = c;
    else if (c >= 0xc0) {
      width = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
      rune = c & (0xff >> (width + 1));
      for (let k = 1; k < width; k++) rune = (rune << 6) | ((this.buf[this.pos + k] ?? 0) & 0x3f);
    }
    this.width = width;
    this.pos += width;
    return rune;
  }

  unread(): void {
    this.pos -= this.width;
  }

  /** Drops the character before the cursor (the first half of an escape) and keeps the second. */
  skip(): void {
    this.dropped.push(this.pos - 1);
    this.droppedInToken += 1;
    this.pos += 1;
  }

  peek(): number {
    const r = this.read();
    this.unread();
    return r;
  }

  /** The offset Go's accept functions see: bytes since the token's start, escapes' first halves not counted. */
  private offset(): number {
    return this.pos - this.start - this.droppedInToken;
  }

  text(): string {
    const parts: Uint8Array[] = [];
    let from = this.start;
    // The first dropped position at or after the token's start (binary search: tokens only move on).
    let lo = 0;
    for (let hi = this.dropped.length; lo < hi;) {
      const mid = (lo + hi) >>> 1;
      if ((this.dropped[mid] ?? 0) < this.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < this.dropped.length && (this.dropped[k] ?? 0) < this.pos; k++) {
      const at = this.dropped[k] ?? 0;
      parts.push(this.buf.subarray(from, at));
      from = at + 1;
    }
    parts.push(this.buf.subarray(from, this.pos));
    return Buffer.concat(parts).toString('utf8');
  }

  scan(): TokenKind {
    this.start = this.pos;
    this.droppedInToken = 0;
    const r = this.read();
    if (r === EOF) return Token.EOF;
    if (this.scanLbrack(r)) return Token.Lbrack;
    if (this.scanRbrack(r)) return Token.Rbrack;
    if (this.scanIdent(r)) return Token.Ident;
    return Token.Illegal;
  }

  private scanIdent(first: number): boolean {
    if ((this.mode & ScanMode.Ident) === 0) return false;
    if (this.scanEscaped(first)) this.skip();
    else if (!this.accept(first, this.offset())) return false;
    for (;;) {
      const r = this.read();
      if (r === EOF) {
        this.unread();
        break;
      }
      if (this.scanLbrack(r)) {
        this.unread();
        this.unread();
        break;
      }
      if (this.scanEscaped(r)) {
        this.skip();
        continue;
      }
      if (!this.accept(r, this.offset())) {
        this.unread();
        break;
      }
    }
    return true;
  }

  private scanLbrack(r: number): boolean {
    if ((this.mode & ScanMode.Lbrack) === 0) return false;
    if (r === ch('$')) {
      if (this.read() === ch('{')) return true;
      this.unread();
    }
    return false;
  }

  private scanRbrack(r: number): boolean {
    return (this.mode & ScanMode.Rbrack) !== 0 && r === ch('}');
  }

  private scanEscaped(r: number): boolean {
    if ((this.mode & ScanMode.Escape) === 0) return false;
    if (r === ch('$') && (this.escapeChars & EscapeChars.Dollar) !== 0 && this.peek() === ch('$'))
      return true;
    if (r === ch('\\') && (this.escapeChars & EscapeChars.Backslash) !== 0) {
      const next = this.peek();
      return next === ch('/') || next === ch('\\');
    }
    return false;
  }
}

const isLetter = (r: number): boolean => /\p{L}/u.test(String.fromCodePoint(r));
const isDigit = (r: number): boolean => /\p{Nd}/u.test(String.fromCodePoint(r));

/** The accept functions of scan.go. */
export const Accept = {
  rune: (): boolean => true,
  ident: (r: number): boolean => isLetter(r) || isDigit(r) || r === ch('_'),
  colon: (r: number): boolean => r === ch(':'),
  oneHash: (r: number, i: number): boolean => r === ch('#') && i === 1,
  notClosing: (r: number): boolean => r !== ch('}'),
  hashFunc: (r: number, i: number): boolean => r === ch('#') && i < 3,
  percentFunc: (r: number, i: number): boolean => r === ch('%') && i < 3,
  defaultFunc: (r: number, i: number): boolean =>
    (i === 1 && r === ch(':')) || (i === 2 && [ch('='), ch('-'), ch('?'), ch('+')].includes(r)),
  replaceFunc: (r: number, i: number): boolean =>
    (i === 1 && r === ch('/')) || (i === 2 && [ch('/'), ch('#'), ch('%')].includes(r)),
  oneEqual: (r: number, i: number): boolean => i === 1 && r === ch('='),
  oneColon: (r: number, i: number): boolean => i === 1 && r === ch(':'),
  rejectColonClose: (r: number): boolean => r !== ch(':') && r !== ch('}'),
  slash: (r: number): boolean => r === ch('/'),
  notSlash: (r: number): boolean => r !== ch('/'),
  casingFunc: (r: number, i: number): boolean => (r === ch(',') || r === ch('^')) && i < 3,
} as const;
