import { lex, T, type Item } from './lexer.js';
import { Abort, TokenStream } from './parse-stream.js';
import { LiteralError, numberNode, unquote } from './literals.js';
import {
  nodeString,
  type CommandNode,
  type ListNode,
  type Node,
  type Operand,
  type PipeNode,
  type Terminator,
} from './nodes.js';

/** A template Go's parser refuses; the message is Go's (`template: <name>:<line>: …`). */
export class TemplateParseError extends Error {
  override readonly name = 'TemplateParseError';
}

/** The parsed templates of one source: the named one and every `define`/`block` in it. */
export type TreeSet = Map<string, ListNode>;

/**
 * Go's `parse.Parse`: the template `name` and the ones it defines, checking that every function
 * used exists (`hasFunction`). Throws {@link TemplateParseError}. Pure.
 */
export function parseTemplate(name: string, text: string, hasFunction: (name: string) => boolean): TreeSet {
  const set: TreeSet = new Map();
  const items = lex(text, { breakOK: !hasFunction('break'), continueOK: !hasFunction('continue') });
  const parser = new Parser(name, items, hasFunction, set);
  try {
    parser.parseTop();
  } catch (error) {
    if (error instanceof Abort) throw new TemplateParseError(error.message);
    throw error;
  }
  return set;
}

class Parser extends TokenStream {
  private vars: string[] = ['$'];
  private rangeDepth = 0;

  constructor(
    name: string,
    items: Item[],
    private readonly hasFunction: (name: string) => boolean,
    private readonly set: TreeSet,
  ) {
    super(name, items);
  }

  parseTop(): void {
    const root: ListNode = { kind: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().typ !== T.EOF) {
      if (this.peek().typ === T.LeftDelim) {
        const delim = this.next();
        const word = this.nextNonSpace();
        if (word.typ === T.Define) {
          this.parseDefinition();
          continue;
        }
        this.backup(word);
        this.backup(delim);
      }
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') this.errorf(`unexpected ${nodeString(n)}`);
      root.nodes.push(n);
    }
    this.add(this.name, root);
  }

  private add(name: string, root: ListNode): void {
    const existing = this.set.get(name);
    if (!existing || isEmptyTree(existing)) this.set.set(name, root);
    else if (!isEmptyTree(root))
      this.errorf(`template: multiple definition of template ${JSON.stringify(name)}`);
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const token = this.nextNonSpace();
    if (token.typ !== T.String && token.typ !== T.RawString) this.unexpected(token, context);
    const name = this.unquote(token.val);
    this.expect(T.RightDelim, context);
    const [list, end] = this.nested(() => this.itemList());
    if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add(name, list);
  }

  /** Parses a `define` or `block` body as Go does, in a tree of its own (fresh variables, no range). */
  private nested<R>(fn: () => R): R {
    const [vars, depth] = [this.vars, this.rangeDepth];
    this.vars = ['$'];
    this.rangeDepth = 0;
    try {
      return fn();
    } finally {
      [this.vars, this.rangeDepth] = [vars, depth];
    }
  }

  private unquote(quoted: string): string {
    try {
      return unquote(quoted);
    } catch (error) {
      return this.errorf(error instanceof LiteralError ? error.message : String(error));
    }
  }

  private itemList(): [ListNode, Terminator] {
    const list: ListNode = { kind: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().typ !== T.EOF) {
      const n = this.textOrAction();
      if (n.kind === 'end' || n.kind === 'else') return [list, n];
      list.nodes.push(n);
    }
    return this.errorf('unexpected EOF');
  }

  private textOrAction(): Node | Terminator {
    const token = this.nextNonSpace();
    if (token.typ === T.Text) return { kind: 'text', pos: token.pos, text: token.val };
    if (token.typ === T.LeftDelim) {
      this.actionLine = token.line;
      try {
        return this.action();
      } finally {
        this.actionLine = 0;
      }
    }
    return this.unexpected(token, 'input');
  }

  private action(): Node | Terminator {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Block:
        return this.blockControl();
      case T.Break:
      case T.Continue:
        return this.branchControl(token);
      case T.Else:
        return this.elseControl();
      case T.End:
        return { kind: 'end', pos: this.expect(T.RightDelim, 'end').pos };
      case T.If:
      case T.Range:
      case T.With:
        return this.control(token.typ);
      case T.Template:
        return this.templateControl();
      default:
        break;
    }
    this.backup(token);
    const peek = this.peek();
    return { kind: 'action', pos: peek.pos, line: peek.line, pipe: this.pipeline('command', T.RightDelim) };
  }

  private branchControl(token: Item): Node {
    const word = token.typ === T.Break ? 'break' : 'continue';
    const next = this.nextNonSpace();
    if (next.typ !== T.RightDelim) this.unexpected(next, `{{${word}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
    return { kind: word, pos: token.pos, line: token.line };
  }

  private elseControl(): Terminator {
    const peek = this.peekNonSpace();
    if (peek.typ === T.If) return { kind: 'else', pos: peek.pos, line: peek.line };
    const token = this.expect(T.RightDelim, 'else');
    return { kind: 'else', pos: token.pos, line: token.line };
  }

  private control(typ: T): Node {
    const context = typ === T.If ? 'if' : typ === T.Range ? 'range' : 'with';
    const mark = this.vars.length;
    const pipe = this.pipeline(context, T.RightDelim);
    if (context === 'range') this.rangeDepth++;
    const [list, first] = this.itemList();
    let next = first;
    if (context === 'range') this.rangeDepth--;
    let elseList: ListNode | undefined;
    if (next.kind === 'else') {
      if (context === 'if' && this.peek().typ === T.If) {
        this.next();
        elseList = { kind: 'list', pos: next.pos, nodes: [this.control(T.If)] };
      } else {
        [elseList, next] = this.itemList();
        if (next.kind !== 'end') this.errorf(`expected end; found ${nodeString(next)}`);
      }
    }
    this.vars = this.vars.slice(0, mark);
    return { kind: context, pos: pipe.pos, line: pipe.line, pipe, list, ...(elseList ? { elseList } : {}) };
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    const pipe = this.pipeline(context, T.RightDelim);
    const [list, end] = this.nested(() => this.itemList());
    if (end.kind !== 'end') this.errorf(`unexpected ${nodeString(end)} in ${context}`);
    this.add(name, list);
    return { kind: 'template', pos: token.pos, line: token.line, name, pipe };
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.templateName(token, context);
    let pipe: PipeNode | undefined;
    if (this.nextNonSpace().typ !== T.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, T.RightDelim);
    }
    return { kind: 'template', pos: token.pos, line: token.line, name, ...(pipe ? { pipe } : {}) };
  }

  private templateName(token: Item, context: string): string {
    if (token.typ !== T.String && token.typ !== T.RawString) this.unexpected(token, context);
    return this.unquote(token.val);
  }

  private pipeline(context: string, end: T): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = {
      kind: 'pipe',
      pos: first.pos,
      line: first.line,
      isAssign: false,
      decl: [],
      cmds: [],
    };
    this.declarations(pipe, context);
    for (;;) {
      const token = this.nextNonSpace();
      if (token.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (OPERAND_START.has(token.typ)) {
        this.backup(token);
        pipe.cmds.push(this.command());
      } else this.unexpected(token, context);
    }
  }

  private declarations(pipe: PipeNode, context: string): void {
    for (;;) {
      const v = this.peekNonSpace();
      if (v.typ !== T.Variable) return;
      this.next();
      const after = this.peek();
      const next = this.peekNonSpace();
      if (next.typ === T.Assign || next.typ === T.Declare) {
        pipe.isAssign = next.typ === T.Assign;
        this.nextNonSpace();
        pipe.decl.push({ pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
        return;
      }
      if (next.typ === T.Char && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ pos: v.pos, ident: v.val.split('.') });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const t = this.peekNonSpace().typ;
          if (t === T.Variable || t === T.RightDelim || t === T.RightParen) continue;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      }
      // Go's backup2/backup3: the variable (and the space after it) go back before the peeked token.
      if (after.typ === T.Space) this.backup(after);
      this.backup(v);
      return;
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((cmd, i) => {
      const kind = cmd.args[0]?.kind;
      if (kind === 'bool' || kind === 'dot' || kind === 'nil' || kind === 'number' || kind === 'string')
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
    });
  }

  private command(): CommandNode {
    const cmd: CommandNode = { kind: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === T.Space) continue;
      if (token.typ === T.RightDelim || token.typ === T.RightParen) this.backup(token);
      else if (token.typ !== T.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Operand | undefined {
    const node = this.term();
    if (!node || this.peek().typ !== T.Field) return node;
    const pos = this.peek().pos;
    const fields: string[] = [];
    while (this.peek().typ === T.Field) fields.push(...this.next().val.slice(1).split('.'));
    if (node.kind === 'field') return { kind: 'field', pos, ident: [...node.ident, ...fields] };
    if (node.kind === 'variable') return { kind: 'variable', pos, ident: [...node.ident, ...fields] };
    if (['bool', 'string', 'number', 'nil', 'dot'].includes(node.kind))
      this.errorf(`unexpected . after term ${JSON.stringify(nodeString(node))}`);
    return { kind: 'chain', pos, node, field: fields };
  }

  private term(): Operand | undefined {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Identifier:
        if (!this.hasFunction(token.val)) this.errorf(`function ${JSON.stringify(token.val)} not defined`);
        return { kind: 'identifier', pos: token.pos, ident: token.val };
      case T.Dot:
        return { kind: 'dot', pos: token.pos };
      case T.Nil:
        return { kind: 'nil', pos: token.pos };
      case T.Variable: {
        const ident = token.val.split('.');
        if (!this.vars.includes(ident[0] ?? ''))
          this.errorf(`undefined variable ${JSON.stringify(ident[0])}`);
        return { kind: 'variable', pos: token.pos, ident };
      }
      case T.Field:
        return { kind: 'field', pos: token.pos, ident: token.val.slice(1).split('.') };
      case T.Bool:
        return { kind: 'bool', pos: token.pos, value: token.val === 'true' };
      case T.CharConstant:
      case T.Complex:
      case T.Number:
        try {
          return numberNode(token.pos, token.val, token.typ === T.CharConstant);
        } catch (error) {
          return this.errorf(error instanceof Error ? error.message : String(error));
        }
      case T.LeftParen:
        return this.pipeline('parenthesized pipeline', T.RightParen);
      case T.String:
      case T.RawString:
        return { kind: 'string', pos: token.pos, quoted: token.val, text: this.unquote(token.val) };
      default:
        this.backup(token);
        return undefined;
    }
  }
}

const OPERAND_START = new Set([
  T.Bool,
  T.CharConstant,
  T.Complex,
  T.Dot,
  T.Field,
  T.Identifier,
  T.Number,
  T.Nil,
  T.RawString,
  T.String,
  T.Variable,
  T.LeftParen,
]);

/** Go's `IsEmptyTree`: only whitespace text and comments. */
function isEmptyTree(node: Node): boolean {
  if (node.kind === 'list') return node.nodes.every(isEmptyTree);
  if (node.kind === 'text') return node.text.trim() === '';
  return node.kind === 'comment';
}
