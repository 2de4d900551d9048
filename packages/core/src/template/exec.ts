import { formatValue, sortedEntries } from './go-format.js';
import { go, isTrue, type GoValue, type Maybe } from './go-values.js';
import { nodeString, type ListNode, type Node, type PipeNode } from './nodes.js';
import { Evaluator, TemplateExecError, type ExecContext } from './exec-eval.js';

export { TemplateExecError, type ExecContext };

/** Output beyond this many characters stops the execution (commit messages are small). */
export const MAX_OUTPUT = 1024 * 1024;
const MAX_DEPTH = 10_000;

class BreakSignal {}
class ContinueSignal {}

/** text/template's `state` walking the tree: text, actions, `if/with/range/template`, output. */
export class Executor extends Evaluator {
  private out = '';
  private depth = 0;

  /** Executes the named tree with `data` as dot and `$`. */
  run(data: Maybe): string {
    const root = this.ctx.trees.get(this.ctx.name);
    if (!root) this.errorf(`${JSON.stringify(this.ctx.name)} is an incomplete or empty template`);
    // Go: nil data is the invalid value, so fields of it are "<no value>", not errors.
    const dot = data?.type.k === 'interface' && data.v === null ? undefined : data;
    this.vars = [{ name: '$', value: dot }];
    this.walk(dot, root);
    return this.out;
  }

  private write(text: string): void {
    this.out += text;
    if (this.out.length > MAX_OUTPUT) this.errorf(`output exceeds ${MAX_OUTPUT} characters`);
  }

  private walk(dot: Maybe, node: Node): void {
    if (node.kind !== 'list') this.at(node);
    switch (node.kind) {
      case 'action': {
        const value = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, value);
        return;
      }
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'comment':
        return;
      case 'if':
      case 'with':
        return this.walkIfOrWith(node.kind, dot, node.pipe, node.list, node.elseList);
      case 'list':
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case 'range':
        return this.walkRange(dot, node);
      case 'template':
        return this.walkTemplate(dot, node);
      case 'text':
        return this.write(node.text);
    }
  }

  private walkIfOrWith(
    kind: 'if' | 'with',
    dot: Maybe,
    pipe: PipeNode,
    list: ListNode,
    elseList?: ListNode,
  ): void {
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, pipe);
      const { truth, ok } = isTrue(value);
      if (!ok) this.errorf(`if/with can't use ${formatValue(value)}`);
      if (truth) this.walk(kind === 'with' ? value : dot, list);
      else if (elseList) this.walk(dot, elseList);
    } finally {
      this.vars.length = mark;
    }
  }

  private walkRange(dot: Maybe, node: Extract<Node, { list: ListNode }>): void {
    this.at(node);
    const mark = this.vars.length;
    try {
      const value = this.evalPipeline(dot, node.pipe);
      const inner = this.vars.length;
      const iteration = (index: GoValue, elem: Maybe): void => {
        if (node.pipe.decl.length > 0) this.vars[this.vars.length - 1]!.value = elem;
        if (node.pipe.decl.length > 1) this.vars[this.vars.length - 2]!.value = index;
        try {
          this.walk(elem, node.list);
        } catch (signal) {
          if (!(signal instanceof ContinueSignal)) throw signal;
        } finally {
          this.vars.length = inner;
        }
      };
      let iterated = false;
      if (value?.type.k === 'slice') {
        const items = (value.v as GoValue[] | null) ?? [];
        items.forEach((item, i) => iteration(go.int(i), item));
        iterated = items.length > 0;
      } else if (value?.type.k === 'map') {
        const entries = sortedEntries(value);
        for (const [key, item] of entries) iteration(key, item);
        iterated = entries.length > 0;
      } else if (value?.type.k === 'int') {
        this.errorf(`range can't iterate over ${formatValue(value)}`);
      } else if (value !== undefined && !(value.type.k === 'interface' && value.v === null)) {
        this.errorf(`range can't iterate over ${formatValue(value)}`);
      }
      if (!iterated && node.elseList) this.walk(dot, node.elseList);
    } catch (signal) {
      if (!(signal instanceof BreakSignal)) throw signal;
    } finally {
      this.vars.length = mark;
    }
  }

  private walkTemplate(dot: Maybe, node: Extract<Node, { kind: 'template' }>): void {
    this.at(node);
    const tree = this.ctx.trees.get(node.name);
    if (!tree) this.errorf(`template ${JSON.stringify(node.name)} not defined`);
    if (this.depth >= MAX_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_DEPTH})`);
    const value = node.pipe ? this.evalPipeline(dot, node.pipe) : undefined;
    const saved = this.vars;
    this.vars = [{ name: '$', value }];
    this.depth++;
    try {
      this.walk(value, tree);
    } finally {
      this.depth--;
      this.vars = saved;
    }
  }

  private printValue(node: Node, value: Maybe): void {
    this.at(node);
    if (value === undefined) return this.write('<no value>');
    if (value.type.k === 'func') this.errorf(`can't print ${nodeString(node)} of type ${value.type.name}`);
    this.write(formatValue(value));
  }
}
