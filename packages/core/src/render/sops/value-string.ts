import { formatFloatG } from './go-numbers.js';
import type { TreeValue } from './tree.js';

/** sops's `stores.ValToString`: how dotenv and INI print a non-string scalar. Pure. */
export function valToString(v: TreeValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v === null) return '<nil>';
  if (Array.isArray(v)) return '[complex]';
  switch (v.t) {
    case 'float': {
      const g = formatFloatG(v.v);
      return g.includes('.') || g.includes('E') || !Number.isFinite(v.v) ? g : `${g}.0`;
    }
    case 'int':
      return v.v.toString();
    case 'bytes':
      return `[${Array.from(v.v).join(' ')}]`;
    case 'branch':
      return '[complex]';
    default:
      return v.v;
  }
}
