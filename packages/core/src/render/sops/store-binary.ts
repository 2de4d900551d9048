import { SopsError } from './errors.js';
import { isComment, type TreeBranch } from './tree.js';

/** sops's binary store `EmitPlainFile`: the string under `data` of the only branch. Pure. */
export function emitBinary(branches: readonly TreeBranch[]): string {
  if (branches.length !== 1)
    throw new SopsError('error emitting binary store: there must be exactly one tree branch');
  const item = branches[0]?.items.find((i) => !isComment(i.key) && i.key === 'data');
  if (!item) throw new SopsError('error emitting binary store: no binary data found in tree');
  if (typeof item.value !== 'string')
    throw new SopsError("error emitting binary store: 'data' key in tree does not have a string value");
  return item.value;
}
