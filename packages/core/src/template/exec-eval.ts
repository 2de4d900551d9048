import {
  GoCallError,
  GoValue,
  go,
  isTrue,
  mapEntries,
  structField,
  Types,
  type GoFunction,
  type GoType,
  type Maybe,
} from './go-values.js';
import {
  nodeString,
  type CommandNode,
  type Node,
  type NumberNode,
  type Operand,
  type PipeNode,
} from './nodes.js';
import type { TreeSet } from './parser.js';

/** A template that failed while executing; the message is Go's `ExecError` text. */
export class TemplateExecError extends Error {
  override readonly name = 'TemplateExecError';
}

/** Missing final argument of a pipeline stage (Go's `missingVal`). */
const MISSING = Symbol('missing');
type Final = Maybe | typeof MISSING;

/** What running a template needs: its trees, functions, name and text (for error positions). */
export interface ExecContext {
  name: string;
  text: string;
  trees: TreeSet;
  funcs: ReadonlyMap<string, GoFunction>;
}

/**
 * The expression half of text/template's `state` (exec.go's `eval*`): variables, pipelines,
 * commands, fields, calls with Go's argument typing, and Go's error texts.
 */
export abstract class Evaluator {
  protected vars: { name: string; value: Maybe }[] = [];
  protected node: { pos: number; str: string } | undefined;

  constructor(protected readonly ctx: ExecContext) {}

  protected at(node: Operand | CommandNode | Node | PipeNode): void {
    this.node = { pos: node.pos, str: nodeString(node) };
  }

  /** Go's `state.errorf`: `template: <name>:<line>:<col>: executing "<name>" at <<node>>: …`. */
  errorf(message: string): never {
    if (!this.node) throw new TemplateExecError(`template: ${this.ctx.name}: ${message}`);
    const before = this.ctx.text.slice(0, this.node.pos);
    const lineStart = before.lastIndexOf('\n');
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = lineStart < 0 ? Buffer.byteLength(before) : Buffer.byteLength(before.slice(lineStart + 1));
    throw new TemplateExecError(
      `template: ${this.ctx.name}:${line}:${col}: executing ${JSON.stringify(this.ctx.name)} at <${this.node.str}>: ${message}`,
    );
  }

  protected varValue(name: string): Maybe {
    for (let i = this.vars.length - 1; i >= 0; i--)
      if (this.vars[i]!.name === name) return this.vars[i]!.value;
    return this.errorf(`undefined variable: ${name}`);
  }

  evalPipeline(dot: Maybe, pipe: PipeNode): Maybe {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      const next: Maybe = this.evalCommand(dot, cmd, value);
      // Go: an interface{} holding nil becomes the invalid value ("<no value>").
      value = next?.type.k === 'interface' && next.v === null ? undefined : next;
    }
    const result = value === MISSING ? undefined : value;
    for (const decl of pipe.decl) {
      const name = decl.ident[0] ?? '';
      if (pipe.isAssign) {
        const slot = [...this.vars].reverse().find((v) => v.name === name);
        if (!slot) this.errorf(`undefined variable: ${name}`);
        slot.value = result;
      } else this.vars.push({ name, value: result });
    }
    return result;
  }

  protected notAFunction(args: Operand[], final: Final): void {
    if (args.length > 1 || final !== MISSING)
      this.errorf(`can't give argument to non-function ${nodeString(args[0]!)}`);
  }

  protected evalCommand(dot: Maybe, cmd: CommandNode, final: Final): Maybe {
    const first = cmd.args[0]!;
    switch (first.kind) {
      case 'field':
        this.at(first);
        return this.evalFieldChain(dot, dot, first, first.ident, cmd.args, final);
      case 'chain':
        return this.evalChain(dot, first, cmd.args, final);
      case 'identifier':
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariable(dot, first, cmd.args, final);
      default:
        break;
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.kind) {
      case 'bool':
        return go.bool(first.value);
      case 'dot':
        return dot;
      case 'nil':
        return this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return go.string(first.text);
    }
  }

  protected idealConstant(n: NumberNode): GoValue {
    this.at(n);
    const isHexInt = /^0[xX]/.test(n.text) && !/[pP]/.test(n.text);
    if (n.isFloat && !isHexInt && !n.text.startsWith("'") && /[.eEpP]/.test(n.text)) return go.float(n.float);
    if (n.isInt) return go.int(n.int);
    if (n.isUint) this.errorf(`${n.text} overflows int`);
    return go.nil();
  }

  protected evalChain(
    dot: Maybe,
    chain: Extract<Operand, { kind: 'chain' }>,
    args: Operand[],
    final: Final,
  ): Maybe {
    this.at(chain);
    if (chain.node.kind === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const receiver = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, receiver, chain, chain.field, args, final);
  }

  protected evalVariable(
    dot: Maybe,
    v: Extract<Operand, { kind: 'variable' }>,
    args: Operand[],
    final: Final,
  ): Maybe {
    this.at(v);
    const value = this.varValue(v.ident[0] ?? '');
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  protected evalFieldChain(
    dot: Maybe,
    receiver: Maybe,
    node: Operand,
    ident: string[],
    args: Operand[],
    final: Final,
  ): Maybe {
    let current = receiver;
    for (let i = 0; i < ident.length - 1; i++)
      current = this.evalField(dot, ident[i]!, node, [], MISSING, current);
    return this.evalField(dot, ident[ident.length - 1]!, node, args, final, current);
  }

  protected evalField(
    dot: Maybe,
    name: string,
    node: Operand,
    args: Operand[],
    final: Final,
    receiver: Maybe,
  ): Maybe {
    if (receiver === undefined) return undefined;
    if (receiver.type.k === 'interface' && receiver.v === null)
      this.errorf(`nil pointer evaluating ${receiver.type.name}.${name}`);
    const method = receiver.type.k === 'struct' ? receiver.type.methods?.[name] : undefined;
    if (method) return this.evalCall(dot, method.bind(receiver), node, name, args, final);
    const hasArgs = args.length > 1 || final !== MISSING;
    if (receiver.type.k === 'struct') {
      const field = structField(receiver, name);
      if (field) {
        if (!/^\p{Lu}/u.test(name))
          this.errorf(`${name} is an unexported field of struct type ${receiver.type.name}`);
        if (hasArgs) this.errorf(`${name} has arguments but cannot be invoked as function`);
        return field;
      }
    }
    if (
      receiver.type.k === 'map' &&
      (receiver.type.key.k === 'string' || receiver.type.key.k === 'interface')
    ) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      if (receiver.v === null) return undefined;
      const hit = mapEntries(receiver).find(([k]) => k.v === name);
      return hit?.[1];
    }
    return this.errorf(`can't evaluate field ${name} in type ${receiver.type.name}`);
  }

  /** `context` is where an error is reported: the whole command, or the identifier used as an argument. */
  protected evalFunction(
    dot: Maybe,
    node: Extract<Operand, { kind: 'identifier' }>,
    context: Operand | CommandNode,
    args: Operand[],
    final: Final,
  ): Maybe {
    this.at(node);
    const fn = this.ctx.funcs.get(node.ident);
    if (!fn) return this.errorf(`${JSON.stringify(node.ident)} is not a defined function`);
    return this.evalCall(dot, fn, context, node.ident, args, final);
  }

  protected evalCall(
    dot: Maybe,
    fn: GoFunction,
    node: Operand | CommandNode,
    name: string,
    allArgs: Operand[],
    final: Final,
  ): Maybe {
    const args = allArgs.slice(1);
    const numIn = args.length + (final === MISSING ? 0 : 1);
    let numFixed = args.length;
    if (fn.variadic) {
      numFixed = fn.params.length;
      if (numIn < numFixed)
        this.errorf(`wrong number of args for ${name}: want at least ${fn.params.length} got ${args.length}`);
    } else if (numIn !== fn.params.length)
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    if (fn.lazy) return this.evalAndOr(dot, name, args, final);
    const argv: Maybe[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, fn.params[i], args[i]!));
    for (; i < args.length; i++) argv.push(this.evalArg(dot, fn.variadic, args[i]!));
    if (final !== MISSING) {
      const t = fn.variadic && numIn - 1 >= numFixed ? fn.variadic : fn.params[numIn - 1];
      argv.push(this.validateType(final, t));
    }
    try {
      return fn.call(argv as GoValue[]);
    } catch (error) {
      if (!(error instanceof GoCallError)) throw error;
      this.at(node);
      return this.errorf(`error calling ${name}: ${error.message}`);
    }
  }

  /** Go 1.18+'s lazy `and`/`or`: the first falsy (and) or truthy (or) argument, else the last. */
  protected evalAndOr(dot: Maybe, name: string, args: Operand[], final: Final): Maybe {
    let value: Maybe;
    for (const arg of args) {
      value = this.evalArg(dot, Types.any, arg);
      if (isTrue(value).truth === (name === 'or')) return value;
    }
    if (final !== MISSING) value = final;
    return value;
  }

  validateType(value: Maybe, type: GoType | undefined): Maybe {
    if (value === undefined) {
      if (!type) return undefined;
      if (['interface', 'slice', 'map', 'func'].includes(type.k)) return new GoValue(type, null);
      return this.errorf(`invalid value; expected ${type.name}`);
    }
    if (!type || type.k === 'interface' || type.name === value.type.name) return value;
    return this.errorf(`wrong type for value; expected ${type.name}; got ${value.type.name}`);
  }

  evalArg(dot: Maybe, type: GoType | undefined, n: Operand): Maybe {
    this.at(n);
    switch (n.kind) {
      case 'dot':
        return this.validateType(dot, type);
      case 'nil':
        if (type && ['interface', 'slice', 'map', 'func'].includes(type.k)) return new GoValue(type, null);
        return this.errorf(`cannot assign nil to ${type?.name ?? 'interface {}'}`);
      case 'field':
        return this.validateType(this.evalFieldChain(dot, dot, n, n.ident, [n], MISSING), type);
      case 'variable':
        return this.validateType(this.evalVariable(dot, n, [], MISSING), type);
      case 'pipe':
        return this.validateType(this.evalPipeline(dot, n), type);
      case 'identifier':
        return this.validateType(this.evalFunction(dot, n, n, [n], MISSING), type);
      case 'chain':
        return this.validateType(this.evalChain(dot, n, [], MISSING), type);
      default:
        return this.evalLiteral(type, n);
    }
  }

  protected evalLiteral(
    type: GoType | undefined,
    n: Extract<Operand, { kind: 'bool' | 'number' | 'string' }>,
  ): GoValue {
    if (!type || type.k === 'interface') {
      if (n.kind === 'bool') return go.bool(n.value);
      if (n.kind === 'string') return go.string(n.text);
      return this.idealConstant(n);
    }
    if (type.k === 'bool' && n.kind === 'bool') return new GoValue(type, n.value);
    if (type.k === 'string' && n.kind === 'string') return new GoValue(type, n.text);
    if (type.k === 'int' && n.kind === 'number' && n.isInt) return new GoValue(type, n.int);
    if (type.k === 'float64' && n.kind === 'number' && n.isFloat) return new GoValue(type, n.float);
    const expected = { bool: 'bool', string: 'string', int: 'integer', float64: 'float' }[type.k as string];
    if (expected) return this.errorf(`expected ${expected}; found ${nodeString(n)}`);
    return this.errorf(`can't handle ${nodeString(n)} for arg of type ${type.name}`);
  }
}
