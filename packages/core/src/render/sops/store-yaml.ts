import {
  Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Node as YamlNode,
} from 'yaml';
import { SopsError } from './errors.js';
import {
  branch,
  comment,
  isBranch,
  isComment,
  type TreeBranch,
  type TreeItem,
  type TreeValue,
} from './tree.js';
import { resolvePlainScalar, resolveTaggedScalar } from './yaml-scalar.js';

/** Alias expansions allowed per document: sops expands aliases, so a "billion laughs" must stop. */
const MAX_ALIAS_EXPANSIONS = 1000;
const MAX_DEPTH = 1000;

interface Ctx {
  doc: Document;
  expansions: number;
}

const commentItems = (text: string | null | undefined, inline = false): Comment[] =>
  (text ?? '')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => comment(l, inline));
type Comment = ReturnType<typeof comment>;

function scalar(node: Scalar): TreeValue {
  const text = String(node.value ?? '');
  const quoted = node.type !== undefined && node.type !== 'PLAIN';
  const out = node.tag ? resolveTaggedScalar(node.tag, text) : quoted ? text : resolvePlainScalar(text);
  if (out !== null && typeof out === 'object' && 'unsupported' in out)
    throw new SopsError(`Cannot walk value, unknown type: ${out.unsupported}`);
  return out;
}

function value(ctx: Ctx, node: unknown, depth: number): TreeValue {
  if (depth > MAX_DEPTH) throw new SopsError('Error unmarshaling input YAML: exceeded max depth');
  if (isAlias(node)) {
    if (++ctx.expansions > MAX_ALIAS_EXPANSIONS)
      throw new SopsError('Error unmarshaling input YAML: document contains excessive aliasing');
    return value(ctx, node.resolve(ctx.doc), depth + 1);
  }
  if (isMap(node)) return mapping(ctx, node, depth + 1);
  if (isSeq(node)) {
    const out: TreeValue[] = [...commentItems(node.commentBefore)];
    for (const item of node.items) {
      const n = item as YamlNode;
      out.push(...commentItems(n.commentBefore));
      out.push(value(ctx, n, depth + 1));
      out.push(...commentItems(n.comment, true));
    }
    return out;
  }
  if (isScalar(node)) return scalar(node);
  return null;
}

function keyOf(ctx: Ctx, node: unknown): string {
  const k = value(ctx, node, 0);
  if (typeof k !== 'string') {
    const type =
      k === null ? 'nil' : typeof k === 'boolean' ? 'bool' : Array.isArray(k) ? '[]interface {}' : k.t;
    throw new SopsError(`Tree contains a non-string key (type ${type}). Only string keys are supported`);
  }
  return k;
}

function mapping(ctx: Ctx, node: YAMLMap, depth: number): TreeBranch {
  const items: TreeItem[] = [];
  const comments = (text: string | null | undefined, inline = false): void => {
    for (const c of commentItems(text, inline)) items.push({ key: c, value: null });
  };
  comments(node.commentBefore);
  for (const pair of node.items) {
    const k = pair.key as YamlNode | null;
    const v = pair.value as YamlNode | null;
    comments(k?.commentBefore);
    const simple = !isMap(v) && !isSeq(v);
    if (simple) comments(v?.comment, true);
    items.push({ key: keyOf(ctx, k), value: v === null ? null : value(ctx, v, depth) });
  }
  comments(node.comment);
  return branch(items);
}

/**
 * sops's YAML store: every document a mapping (a document that is a list or a scalar is refused),
 * values resolved as yaml.v3 resolves them, comments kept as items, aliases expanded (bounded).
 * Pure.
 */
export function loadYaml(text: string): TreeBranch[] {
  const docs = parseAllDocuments(text, { schema: 'failsafe', uniqueKeys: true, prettyErrors: false });
  if (!Array.isArray(docs)) return [];
  return docs.map((doc) => {
    const error = doc.errors[0];
    // yaml's messages quote the offending line, which may be a value in clear.
    if (error)
      throw new SopsError(
        `Error unmarshaling input YAML: ${error.code} at line ${error.linePos?.[0]?.line ?? 0}`,
      );
    const ctx: Ctx = { doc, expansions: 0 };
    const head = commentItems(doc.commentBefore).map((c): TreeItem => ({ key: c, value: null }));
    const foot = commentItems(doc.comment).map((c): TreeItem => ({ key: c, value: null }));
    const root = doc.contents;
    if (root === null || (isScalar(root) && (root.value === null || root.value === '')))
      return branch([...head, ...foot]);
    if (isSeq(root))
      throw new SopsError(
        'Error unmarshaling input YAML: YAML documents that are sequences are not supported',
      );
    if (!isMap(root))
      throw new SopsError('Error unmarshaling input YAML: YAML documents that are values are not supported');
    return branch([...head, ...mapping(ctx, root, 0).items, ...foot]);
  });
}

function toNode(doc: Document, v: TreeValue): YamlNode {
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    let head: string[] = [];
    for (const item of v) {
      if (isComment(item)) {
        head.push(item.v);
        continue;
      }
      const n = toNode(doc, item);
      if (head.length) n.commentBefore = head.join('\n');
      head = [];
      seq.items.push(n);
    }
    return seq;
  }
  if (isBranch(v)) return toMap(doc, v);
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return new Scalar(v);
  if (v.t === 'int') return new Scalar(Number(v.v));
  if (v.t === 'float') return new Scalar(v.v);
  if (v.t === 'bytes') return new Scalar(Buffer.from(v.v).toString('utf8'));
  return new Scalar(v.v);
}

function toMap(doc: Document, b: TreeBranch): YAMLMap {
  const map = new YAMLMap();
  let head: string[] = [];
  let inline: string[] = [];
  for (const item of b.items) {
    if (isComment(item.key)) {
      (item.key.inline ? inline : head).push(item.key.v);
      continue;
    }
    const key = new Scalar(item.key);
    if (head.length) key.commentBefore = head.join('\n');
    const value = toNode(doc, item.value);
    if (inline.length) value.comment = inline.join('\n');
    head = [];
    inline = [];
    map.items.push(doc.createPair(key, value));
  }
  const rest = [...head, ...inline];
  if (rest.length) map.comment = rest.join('\n');
  return map;
}

/** sops's YAML `EmitPlainFile`: one document per branch, indented by 4 as sops does by default. Pure. */
export function emitYaml(branches: readonly TreeBranch[]): string {
  return branches
    .map((b) => {
      const doc = new Document();
      doc.contents = toMap(doc, b);
      return doc.toString({ indent: 4, lineWidth: 0, minContentWidth: 0 });
    })
    .join('---\n');
}
