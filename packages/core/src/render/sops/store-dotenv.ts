import { SopsError } from './errors.js';
import { branch, comment, isComment, isComplex, type TreeBranch, type TreeItem } from './tree.js';
import { valToString } from './value-string.js';

/** sops's dotenv store: `KEY=value` lines (`\n` escapes), `#` comments, blank lines dropped. Pure. */
export function loadDotenv(text: string): TreeBranch[] {
  const items: TreeItem[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.startsWith('#')) {
      items.push({ key: comment(line.slice(1)), value: null });
      continue;
    }
    const pos = line.indexOf('=');
    // The line may hold a value in clear: never quote it.
    if (pos === -1) throw new SopsError('invalid dotenv input line: <redacted>');
    items.push({ key: line.slice(0, pos), value: line.slice(pos + 1).replaceAll('\\n', '\n') });
  }
  return [branch(items)];
}

/** sops's dotenv `EmitPlainFile`. Pure. */
export function emitDotenv(branches: readonly TreeBranch[]): string {
  let out = '';
  for (const item of branches[0]?.items ?? []) {
    if (isComplex(item.value))
      throw new SopsError(
        `cannot use complex value in dotenv file; offending key ${String(isComment(item.key) ? item.key.v : item.key)}`,
      );
    if (isComment(item.key)) {
      out += `#${item.key.v}\n`;
      continue;
    }
    const value =
      typeof item.value === 'string' ? item.value.replaceAll('\n', '\\n') : valToString(item.value);
    out += `${item.key}=${value}\n`;
  }
  return out;
}
