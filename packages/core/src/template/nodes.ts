/** Go text/template's parse tree (text/template/parse/node.go), with Go's `String()` for error messages. */

/** A number literal with every reading Go gives it. */
export interface NumberNode {
  kind: 'number';
  pos: number;
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  int: bigint;
  uint: bigint;
  float: number;
}

/** Leaf and expression nodes. */
export type Operand =
  | { kind: 'identifier'; pos: number; ident: string }
  | { kind: 'variable'; pos: number; ident: string[] }
  | { kind: 'dot'; pos: number }
  | { kind: 'nil'; pos: number }
  | { kind: 'field'; pos: number; ident: string[] }
  | { kind: 'chain'; pos: number; node: Operand; field: string[] }
  | { kind: 'bool'; pos: number; value: boolean }
  | NumberNode
  | { kind: 'string'; pos: number; quoted: string; text: string }
  | PipeNode;

/** A command: a function, field or constant with arguments. */
export interface CommandNode {
  kind: 'command';
  pos: number;
  args: Operand[];
}

/** A pipeline, with its variable declarations. */
export interface PipeNode {
  kind: 'pipe';
  pos: number;
  line: number;
  isAssign: boolean;
  decl: { pos: number; ident: string[] }[];
  cmds: CommandNode[];
}

/** Nodes of a list. */
export type Node =
  | { kind: 'text'; pos: number; text: string }
  | { kind: 'comment'; pos: number; text: string }
  | { kind: 'action'; pos: number; line: number; pipe: PipeNode }
  | {
      kind: 'if' | 'range' | 'with';
      pos: number;
      line: number;
      pipe: PipeNode;
      list: ListNode;
      elseList?: ListNode;
    }
  | { kind: 'template'; pos: number; line: number; name: string; pipe?: PipeNode }
  | { kind: 'break' | 'continue'; pos: number; line: number }
  | ListNode;

/** A sequence of nodes. */
export interface ListNode {
  kind: 'list';
  pos: number;
  nodes: Node[];
}

/** The end of a control structure, while parsing. */
export type Terminator = { kind: 'end'; pos: number } | { kind: 'else'; pos: number; line: number };

/** Go's `Node.String()` for the nodes error messages name. */
export function nodeString(node: Operand | CommandNode | Node | Terminator): string {
  switch (node.kind) {
    case 'identifier':
      return node.ident;
    case 'variable':
      return node.ident.join('.');
    case 'dot':
      return '.';
    case 'nil':
      return 'nil';
    case 'field':
      return node.ident.map((f) => `.${f}`).join('');
    case 'chain':
      return `${node.node.kind === 'pipe' ? `(${nodeString(node.node)})` : nodeString(node.node)}${node.field
        .map((f) => `.${f}`)
        .join('')}`;
    case 'bool':
      return node.value ? 'true' : 'false';
    case 'number':
      return node.text;
    case 'string':
      return node.quoted;
    case 'pipe': {
      const decl = node.decl.length
        ? `${node.decl.map((d) => d.ident.join('.')).join(', ')} ${node.isAssign ? '=' : ':='} `
        : '';
      return decl + node.cmds.map(nodeString).join(' | ');
    }
    case 'command':
      return node.args.map((a) => (a.kind === 'pipe' ? `(${nodeString(a)})` : nodeString(a))).join(' ');
    case 'text':
      return node.text;
    case 'comment':
      return `{{${node.text}}}`;
    case 'action':
      return `{{${nodeString(node.pipe)}}}`;
    case 'if':
    case 'range':
    case 'with': {
      const body = `{{${node.kind} ${nodeString(node.pipe)}}}${nodeString(node.list)}`;
      return node.elseList ? `${body}{{else}}${nodeString(node.elseList)}{{end}}` : `${body}{{end}}`;
    }
    case 'template':
      return node.pipe
        ? `{{template "${node.name}" ${nodeString(node.pipe)}}}`
        : `{{template "${node.name}"}}`;
    case 'break':
      return '{{break}}';
    case 'continue':
      return '{{continue}}';
    case 'list':
      return node.nodes.map(nodeString).join('');
    case 'end':
      return '{{end}}';
    case 'else':
      return '{{else}}';
  }
}
