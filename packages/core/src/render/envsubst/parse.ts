import { Accept, EscapeChars, ScanMode, Scanner, Token, type AcceptFn } from './scan.js';

/**
 * The envsubst parser, ported from fluxcd/pkg `envsubst/parse/parse.go`: text and `${…}`
 * expansions become a tree of text, function and list nodes.
 */

/** A node of the template tree. */
export type EnvNode = TextNode | FuncNode | ListNode;
/** Literal text. */
export interface TextNode {
  type: 'text';
  value: string;
}
/** An expansion: variable `param`, operator `name` (empty for `${var}`), operator arguments. */
export interface FuncNode {
  type: 'func';
  param: string;
  name: string;
  args: EnvNode[];
}
/** A sequence. */
export interface ListNode {
  type: 'list';
  nodes: EnvNode[];
}

/** Parse errors, with Go's texts. */
export const ParseError = {
  BadSubstitution: 'bad substitution',
  MissingClosingBrace: 'missing closing brace',
  ParseVariableName: 'unable to parse variable name',
  ParseFuncSubstitution: 'unable to parse substitution within function',
  ParseDefaultFunction: 'unable to parse default function',
  /** Ours: Go has no limit, but nothing real nests ${…} hundreds deep. */
  TooDeep: 'expression nests too deeply',
} as const;

/** How deep `${…}` may nest inside `${…}` arguments. */
const MAX_NESTING = 200;

/** Raised on a malformed template; the message is Go's error text. */
export class EnvsubstParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvsubstParseError';
  }
}

const EMPTY: TextNode = { type: 'text', value: '' };
const text = (value: string): TextNode => ({ type: 'text', value });
const fail = (message: string): never => {
  throw new EnvsubstParseError(message);
};
const ch = (c: string): number => c.charCodeAt(0);

/** Parses a template. Pure. */
export function parseTemplate(buf: string): EnvNode {
  const parser = new Parser(buf);
  return parser.parseAny();
}

class Parser {
  private readonly s = new Scanner();
  private depth = 0;

  constructor(buf: string) {
    this.s.init(buf);
  }

  /** Go recurses once per token here; a loop gives the same sequence without a stack per token. */
  parseAny(): EnvNode {
    const s = this.s;
    const nodes: EnvNode[] = [];
    for (;;) {
      s.accept = Accept.rune;
      s.mode = ScanMode.Ident | ScanMode.Lbrack | ScanMode.Escape;
      s.escapeChars = EscapeChars.Dollar;
      const token = s.scan();
      if (token === Token.EOF) break;
      if (token === Token.Ident) nodes.push(text(s.text()));
      else if (token === Token.Lbrack) nodes.push(this.parseFunc());
      else return fail(ParseError.BadSubstitution);
    }
    if (nodes.length === 0) return EMPTY;
    return nodes.length === 1 ? (nodes[0] ?? EMPTY) : { type: 'list', nodes };
  }

  private parseFunc(): EnvNode {
    // Go's stack grows to a gigabyte; ours does not. Past this depth nesting is refused, not a crash.
    if (++this.depth > MAX_NESTING) fail(ParseError.TooDeep);
    try {
      return this.parseFuncBody();
    } finally {
      this.depth -= 1;
    }
  }

  private parseFuncBody(): EnvNode {
    const s = this.s;
    s.escapeChars = EscapeChars.All;
    if (s.peek() === ch('#')) return this.parseLenFunc();
    s.accept = Accept.ident;
    s.mode = ScanMode.Ident;
    if (s.scan() !== Token.Ident) fail(ParseError.ParseVariableName);
    const name = s.text();
    switch (String.fromCodePoint(s.peek())) {
      case ':':
        return this.parseDefaultOrSubstr(name);
      case '=':
        return this.parseDefaultFunc(name);
      case ',':
      case '^':
        return this.parseCasingFunc(name);
      case '/':
        return this.parseReplaceFunc(name);
      case '#':
        return this.parseRemoveFunc(name, Accept.hashFunc);
      case '%':
        return this.parseRemoveFunc(name, Accept.percentFunc);
    }
    s.accept = Accept.ident;
    s.mode = ScanMode.Rbrack;
    if (s.scan() !== Token.Rbrack) fail(ParseError.MissingClosingBrace);
    return { type: 'func', param: name, name: '', args: [] };
  }

  private parseParam(accept: AcceptFn, mode: number): EnvNode {
    const s = this.s;
    s.accept = accept;
    s.mode = mode | ScanMode.Lbrack;
    const token = s.scan();
    if (token === Token.Lbrack) return this.parseFunc();
    if (token === Token.Ident || token === Token.Rbrack) return text(s.text());
    return fail(ParseError.ParseFuncSubstitution);
  }

  private parseDefaultOrSubstr(name: string): EnvNode {
    const s = this.s;
    s.read();
    const r = s.peek();
    s.unread();
    return [ch('='), ch('-'), ch('?'), ch('+')].includes(r)
      ? this.parseDefaultFunc(name)
      : this.parseSubstrFunc(name);
  }

  private operator(param: string, accept: AcceptFn, error: string = ParseError.BadSubstitution): FuncNode {
    const s = this.s;
    s.accept = accept;
    s.mode = ScanMode.Ident;
    if (s.scan() !== Token.Ident) fail(error);
    return { type: 'func', param, name: s.text(), args: [] };
  }

  private parseSubstrFunc(name: string): EnvNode {
    const s = this.s;
    const node = this.operator(name, Accept.oneColon);
    node.args.push(this.parseParam(Accept.rejectColonClose, ScanMode.Ident));
    s.accept = Accept.colon;
    s.mode = ScanMode.Ident | ScanMode.Rbrack;
    const token = s.scan();
    if (token === Token.Rbrack) return node;
    if (token !== Token.Ident) fail(ParseError.BadSubstitution);
    node.args.push(this.parseParam(Accept.notClosing, ScanMode.Ident));
    return this.closed(node);
  }

  private parseRemoveFunc(name: string, accept: AcceptFn): EnvNode {
    const node = this.operator(name, accept);
    node.args.push(this.parseParam(Accept.notClosing, ScanMode.Ident));
    return this.closed(node);
  }

  private parseReplaceFunc(name: string): EnvNode {
    const s = this.s;
    const node = this.operator(name, Accept.replaceFunc);
    node.args.push(this.parseParam(Accept.notSlash, ScanMode.Ident | ScanMode.Escape));
    s.accept = Accept.slash;
    s.mode = ScanMode.Ident;
    if (s.scan() !== Token.Ident) fail(ParseError.BadSubstitution);
    if (s.peek() === ch('}')) return this.closed(node);
    node.args.push(this.parseParam(Accept.notClosing, ScanMode.Ident | ScanMode.Escape));
    return this.closed(node);
  }

  private parseDefaultFunc(name: string): EnvNode {
    const s = this.s;
    const node = this.operator(
      name,
      s.peek() === ch('=') ? Accept.oneEqual : Accept.defaultFunc,
      ParseError.ParseDefaultFunction,
    );
    for (;;) {
      if (s.peek() === ch('}')) return this.closed(node);
      node.args.push(this.parseParam(Accept.notClosing, ScanMode.Ident));
    }
  }

  private parseCasingFunc(name: string): EnvNode {
    return this.closed(this.operator(name, Accept.casingFunc));
  }

  private parseLenFunc(): EnvNode {
    const s = this.s;
    const node = this.operator('', Accept.oneHash);
    s.accept = Accept.ident;
    s.mode = ScanMode.Ident;
    if (s.scan() !== Token.Ident) fail(ParseError.BadSubstitution);
    node.param = s.text();
    return this.closed(node);
  }

  private closed(node: FuncNode): FuncNode {
    this.s.mode = ScanMode.Rbrack;
    if (this.s.scan() !== Token.Rbrack) fail(ParseError.BadSubstitution);
    return node;
  }
}
