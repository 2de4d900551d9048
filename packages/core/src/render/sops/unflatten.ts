import { SopsError } from './errors.js';
import { branch, isComment, type TreeBranch, type TreeItem, type TreeValue } from './tree.js';

/**
 * Rebuilds nested metadata from the flat keys dotenv and INI files carry
 * (`age__list_0__map_recipient`), as sops's stores/flatten.go does. Pure.
 */
const MAP = '__map_';
const LIST = '__list_';

type Token = { map: string } | { list: number };

function tokenize(path: string): Token[] {
  const tokens: Token[] = [];
  let state: 'normal' | 'map' | 'list' = 'normal';
  let last = 0;
  const finish = (i: number): void => {
    if (state === 'normal') tokens.push({ map: path.slice(last, i) });
    else if (state === 'map') tokens.push({ map: path.slice(last + MAP.length, i) });
    else tokens.push({ list: Number.parseInt(path.slice(last + LIST.length, i), 10) || 0 });
    last = i;
  };
  let i = 0;
  while (i < path.length) {
    if (path.startsWith(MAP, i)) {
      finish(i);
      state = 'map';
      i += MAP.length;
    } else if (path.startsWith(LIST, i)) {
      finish(i);
      state = 'list';
      i += LIST.length;
    } else i++;
  }
  finish(i);
  return tokens;
}

interface Node {
  value?: { v: TreeValue };
  keys?: Map<string, Node>;
  indexes?: Map<number, Node>;
}

function place(value: TreeValue, path: Token[], root: Node): void {
  let node = root;
  for (const t of path) {
    const table: Map<string | number, Node> =
      'map' in t ? (node.keys ??= new Map()) : ((node.indexes ??= new Map()) as Map<string | number, Node>);
    const k = 'map' in t ? t.map : t.list;
    let next = table.get(k);
    if (!next) table.set(k, (next = {}));
    node = next;
  }
  if (node.value) throw new SopsError('Duplicate value');
  node.value = { v: value };
}

function convert(node: Node): TreeValue {
  const kinds = [node.value, node.keys?.size, node.indexes?.size].filter(Boolean).length;
  if (kinds > 1) throw new SopsError('Type mismatch');
  if (node.value) return node.value.v;
  if (node.keys?.size) {
    const keys = [...node.keys.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return branch(keys.map((k): TreeItem => ({ key: k, value: convert(node.keys?.get(k) ?? {}) })));
  }
  if (node.indexes?.size) {
    const idx = [...node.indexes.keys()];
    const max = Math.max(...idx);
    if (Math.min(...idx) !== 0 || max + 1 !== idx.length) throw new SopsError('Incomplete list');
    return Array.from({ length: max + 1 }, (_, i) => convert(node.indexes?.get(i) ?? {}));
  }
  return branch();
}

/** sops's `unflattenTreeBranch`. */
export function unflattenBranch(flat: TreeBranch): TreeBranch {
  const root: Node = {};
  for (const item of flat.items) {
    if (isComment(item.key)) continue;
    try {
      place(item.value, tokenize(item.key), root);
    } catch (error) {
      throw new SopsError(
        `Error while unflattening ${JSON.stringify(item.key)}: ${(error as Error).message}`,
      );
    }
  }
  let out: TreeValue;
  try {
    out = convert(root);
  } catch (error) {
    throw new SopsError(`Error while unflattening: ${(error as Error).message}`);
  }
  if (out === null || Array.isArray(out) || typeof out !== 'object' || out.t !== 'branch')
    throw new SopsError('Internal error: cannot find root');
  return out;
}
