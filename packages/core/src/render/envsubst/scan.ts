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

/** A cursor over the input. */
export class Scanner {
  buf = '';
  pos = 0;
  start = 0;
  width = 0;
  mode = 0;
  escapeChars = 0;
  accept: AcceptFn = () => false;

  init(buf: string): void {
    this.buf = buf;
    this.pos = 0;
    this.start = 0;
    this.width = 0;
  }

  read(): number {
    if (this.pos >= this.buf.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.buf.codePointAt(this.pos) ?? EOF;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  unread(): void {
    this.pos -= this.width;
  }

  /** Drops the character before the cursor (the first half of an escape). */
  skip(): void {
    this.buf = this.buf.slice(0, this.pos - 1) + this.buf.slice(this.pos);
  }

  peek(): number {
    const r = this.read();
    this.unread();
    return r;
  }

  text(): string {
    return this.buf.slice(this.start, this.pos);
  }

  scan(): TokenKind {
    this.start = this.pos;
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
    else if (!this.accept(first, this.pos - this.start)) return false;
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
      if (!this.accept(r, this.pos - this.start)) {
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
