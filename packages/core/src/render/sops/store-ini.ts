import { SopsError } from './errors.js';
import { branch, comment, isBranch, isComment, type TreeBranch, type TreeItem } from './tree.js';
import { valToString } from './value-string.js';

/**
 * sops's INI store over go-ini (`AllowNonUniqueSections`): a `DEFAULT` section first, then each
 * section as a mapping; `;`/`#` comments attach to the next section or key, an unquoted value ends
 * at its first `#` or `;`, `"""…"""` values may span lines. Pure.
 */
interface Section {
  name: string;
  comment: string;
  keys: { name: string; value: string; comment: string }[];
}

function stripCommentChar(c: string): string {
  if (c.startsWith(';')) return c.replace(/^[; ]+/, '');
  if (c.startsWith('#')) return c.replace(/^[# ]+/, '');
  return c;
}

/** go-ini's `readValue`; returns the value, an inline comment, and how many extra lines it used. */
function readValue(raw: string, rest: readonly string[]): { value: string; comment: string; used: number } {
  const line = raw.replace(/^\s+/, '');
  if (line === '') return { value: '', comment: '', used: 0 };
  const quote = line.length > 3 && line.startsWith('"""') ? '"""' : line.startsWith('`') ? '`' : '';
  if (quote) {
    const body = line.slice(quote.length);
    const end = body.lastIndexOf(quote);
    if (end !== -1) return { value: body.slice(0, end), comment: '', used: 0 };
    const parts = [body];
    for (let i = 0; i < rest.length; i++) {
      const next = rest[i] ?? '';
      const close = next.indexOf(quote);
      if (close !== -1)
        return { value: [...parts, next.slice(0, close)].join('\n'), comment: '', used: i + 1 };
      parts.push(next);
    }
    throw new SopsError('Could not unmarshal input data: error parsing data: unclosed multi-line value');
  }
  let value = line.trim();
  let inline = '';
  const hash = value.search(/[#;]/);
  if (hash > -1) {
    inline = value.slice(hash);
    value = value.slice(0, hash).trim();
  }
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0]))
    value = value.slice(1, -1);
  return { value, comment: inline, used: 0 };
}

function parseIni(text: string): Section[] {
  const sections: Section[] = [{ name: 'DEFAULT', comment: '', keys: [] }];
  let current = sections[0] as Section;
  let pending: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? '').trim();
    if (line === '') continue;
    if (line.startsWith('#') || line.startsWith(';')) {
      pending.push(line);
      continue;
    }
    if (line.startsWith('[')) {
      const close = line.indexOf(']');
      if (close === -1) throw new SopsError('Could not unmarshal input data: unclosed section');
      current = { name: line.slice(1, close).trim(), comment: pending.join('\n'), keys: [] };
      sections.push(current);
      pending = [];
      continue;
    }
    const delim = line.search(/[=:]/);
    if (delim === -1) throw new SopsError('Could not unmarshal input data: key-value delimiter not found');
    const name = line.slice(0, delim).trim();
    const read = readValue(line.slice(delim + 1), lines.slice(i + 1));
    i += read.used;
    const keyComment = [...pending, ...(read.comment ? [read.comment] : [])].join('\n');
    pending = [];
    const existing = current.keys.find((k) => k.name === name);
    if (existing) Object.assign(existing, { value: read.value, comment: keyComment });
    else current.keys.push({ name, value: read.value, comment: keyComment });
  }
  return sections;
}

/** Loads an INI file into one branch of sections. Pure. */
export function loadIni(text: string): TreeBranch[] {
  const items: TreeItem[] = parseIni(text).map((s) => {
    const inner: TreeItem[] = s.comment ? [{ key: comment(stripCommentChar(s.comment)), value: null }] : [];
    for (const k of s.keys) {
      inner.push({ key: k.name, value: k.value });
      if (k.comment) inner.push({ key: comment(stripCommentChar(k.comment)), value: null });
    }
    return { key: s.name, value: branch(inner) };
  });
  return [branch(items)];
}

function commentLines(c: string): string {
  return c
    .split('\n')
    .map((l) => (l.startsWith('#') || l.startsWith(';') ? `${l[0]} ${l.slice(1).trim()}` : `; ${l}`))
    .map((l) => `${l}\n`)
    .join('');
}

function quoteValue(v: string): string {
  if (/[\n`]/.test(v)) return `"""${v}"""`;
  if (/[#;]/.test(v)) return `\`${v}\``;
  return v.trim().length !== v.length ? `"${v}"` : v;
}

/** sops's INI `EmitPlainFile` as go-ini writes it (aligned `=`, a blank line between sections). Pure. */
export function emitIni(branches: readonly TreeBranch[]): string {
  const out: string[] = [];
  for (const item of branches.flatMap((b) => b.items)) {
    if (isComment(item.key)) continue;
    if (!isBranch(item.value))
      throw new SopsError(
        'Error marshaling to INI: Error encoding section: Section values should always be TreeBranches',
      );
    const first = item.value.items[0];
    const sectionComment = first && isComment(first.key) ? first.key.v : '';
    const keys: { name: string; value: string; comment: string }[] = [];
    for (const kv of item.value.items.slice(sectionComment ? 1 : 0)) {
      if (isComment(kv.key)) {
        const last = keys[keys.length - 1];
        if (last) last.comment = kv.key.v;
      } else keys.push({ name: kv.key, value: valToString(kv.value), comment: '' });
    }
    if (item.key.toUpperCase() === 'DEFAULT' && keys.length === 0 && out.length === 0) continue;
    const width = Math.max(0, ...keys.map((k) => k.name.length));
    let text = (sectionComment ? commentLines(sectionComment) : '') + `[${item.key}]\n`;
    for (const k of keys)
      text +=
        (k.comment ? commentLines(k.comment) : '') + `${k.name.padEnd(width)} = ${quoteValue(k.value)}\n`;
    out.push(text);
  }
  return out.join('\n');
}
