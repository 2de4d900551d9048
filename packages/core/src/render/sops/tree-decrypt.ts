import { createHash, type Hash } from 'node:crypto';
import { decryptValue } from './encrypted-value.js';
import {
  compileRules,
  shouldBeEncrypted,
  type CompiledRules,
  type EncryptionRules,
} from './encryption-rules.js';
import { SopsError } from './errors.js';
import { formatFloatF } from './go-numbers.js';
import { isBranch, isComment, type TreeBranch, type TreeItem, type TreeValue } from './tree.js';

/**
 * `echo -n sops | sha256sum`: the MAC of a `mac_only_encrypted` file starts from these bytes, so
 * it can never equal the MAC of the same file without the setting.
 */
const MAC_ONLY_ENCRYPTED_INIT = Buffer.from(
  '8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69',
  'hex',
);

/** The bytes a value contributes to the MAC (sops.ToBytes). Pure. */
export function macBytes(value: TreeValue): Buffer {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (typeof value === 'boolean') return Buffer.from(value ? 'True' : 'False');
  if (value === null || Array.isArray(value) || value.t === 'branch')
    throw new SopsError('Could not convert unknown type to bytes');
  switch (value.t) {
    case 'int':
      return Buffer.from(value.v.toString());
    case 'float':
      return Buffer.from(formatFloatF(value.v));
    case 'time':
    case 'comment':
      return Buffer.from(value.v, 'utf8');
    case 'bytes':
      return Buffer.from(value.v);
  }
}

/** Options of a tree decryption. */
export interface TreeDecryptOptions extends EncryptionRules {
  macOnlyEncrypted?: boolean;
  /** Called with every decrypted string, so that callers can keep it out of messages. */
  onPlaintext?: (text: string) => void;
}

interface Walk {
  onPlaintext?: (text: string) => void;
  rules: CompiledRules;
  key: Uint8Array;
  hash: Hash;
  macOnlyEncrypted: boolean;
}

function leaf(w: Walk, value: TreeValue, path: string[], comments: string[][]): TreeValue {
  const isCmt = isComment(value);
  const encrypted = shouldBeEncrypted(w.rules, path, comments, isCmt);
  let out = value;
  if (encrypted) {
    const aad = `${path.join(':')}:`;
    if (isCmt) {
      // A comment that does not decrypt was written in clear by an older sops: keep it.
      try {
        out = decryptValue(value.v, w.key, aad);
      } catch {
        out = value;
      }
      if (typeof out === 'string') out = { t: 'comment', v: out, ...(value.inline ? { inline: true } : {}) };
    } else if (typeof value === 'string') {
      try {
        out = decryptValue(value, w.key, aad);
      } catch (error) {
        throw new SopsError(`Could not decrypt value: ${(error as Error).message}`);
      }
      if (typeof out === 'string') w.onPlaintext?.(out);
    } else {
      throw new SopsError(`Expected encrypted value as string, but got ${goTypeName(value)}`);
    }
  }
  if ((!w.macOnlyEncrypted || encrypted) && !isCmt) w.hash.update(macBytes(out));
  return out;
}

function goTypeName(value: TreeValue): string {
  if (typeof value === 'boolean') return 'bool';
  if (value === null || Array.isArray(value) || typeof value === 'string') return 'string';
  return {
    int: 'int',
    float: 'float64',
    time: 'time.Time',
    bytes: '[]uint8',
    comment: 'sops.Comment',
    branch: 'sops.TreeBranch',
  }[value.t];
}

function walkValue(w: Walk, value: TreeValue, path: string[], comments: string[][]): TreeValue {
  if (value === null) return null;
  if (Array.isArray(value)) return walkList(w, value, path, comments);
  if (isBranch(value)) return walkBranch(w, value, path, comments);
  return leaf(w, value, path, comments);
}

function walkList(w: Walk, list: TreeValue[], path: string[], stack: string[][]): TreeValue[] {
  const comments = [...stack, []];
  const top = comments.length - 1;
  return list.map((v) => {
    if (isComment(v)) comments[top] = [...(comments[top] ?? []), v.v];
    const out = walkValue(w, v, path, comments);
    if (!isComment(v)) comments[top] = [];
    return out;
  });
}

function walkBranch(w: Walk, b: TreeBranch, path: string[], stack: string[][]): TreeBranch {
  const comments = [...stack, []];
  const top = comments.length - 1;
  const items: TreeItem[] = b.items.map((item) => {
    if (isComment(item.key)) {
      comments[top] = [...(comments[top] ?? []), item.key.v];
      const key = walkValue(w, item.key, path, comments);
      return { key: isComment(key) ? key : item.key, value: item.value };
    }
    const valueIsComment = isComment(item.value);
    if (valueIsComment) comments[top] = [...(comments[top] ?? []), (item.value as { v: string }).v];
    const value = walkValue(w, item.value, [...path, item.key], comments);
    if (!valueIsComment) comments[top] = [];
    return { key: item.key, value };
  });
  return { t: 'branch', items };
}

/**
 * Decrypts every value the rules say is encrypted (sops.Tree.Decrypt), and computes the MAC over
 * the plaintext values in walk order: SHA-512, upper-case hex. Pure.
 */
export function decryptTree(
  branches: readonly TreeBranch[],
  key: Uint8Array,
  options: TreeDecryptOptions,
): { branches: TreeBranch[]; mac: string } {
  const w: Walk = {
    onPlaintext: options.onPlaintext,
    rules: compileRules(options),
    key,
    hash: createHash('sha512'),
    macOnlyEncrypted: options.macOnlyEncrypted ?? false,
  };
  if (w.macOnlyEncrypted) w.hash.update(MAC_ONLY_ENCRYPTED_INIT);
  try {
    const out = branches.map((b) => walkBranch(w, b, [], []));
    return { branches: out, mac: w.hash.digest('hex').toUpperCase() };
  } catch (error) {
    throw new SopsError(`Error walking tree: ${(error as Error).message}`);
  }
}
