/** A pattern whose repeated group names were made unique, and each new name's original. */
export interface UniqueNames {
  pattern: string;
  /** Replacement name → the name as written. Empty when nothing was renamed. */
  originals: Map<string, string>;
}

// Go's isValidCaptureName: ASCII letters, digits and '_'. Other names are compile errors anyway.
const VALID_NAME = /^[A-Za-z0-9_]+$/;

/**
 * Go accepts the same group name twice (`(?P<v>a)|(?P<v>b)`); re2js refuses it. This renames the
 * second and later uses to fresh names, so re2js compiles the pattern, and remembers the
 * originals. It scans as Go's parser does: escapes, `\Q…\E` and character classes (where `(` is
 * a literal) are skipped. A pattern without repeated names comes back unchanged. Pure.
 */
export function uniqueGroupNames(pattern: string): UniqueNames {
  const originals = new Map<string, string>();
  const groups = namedGroupOffsets(pattern);
  const taken = new Set(groups.map((g) => g.name));
  const seen = new Set<string>();
  let out = '';
  let copied = 0;
  for (const group of groups) {
    if (!seen.has(group.name)) {
      seen.add(group.name);
      continue;
    }
    let fresh = `${group.name}_${originals.size + 1}`;
    while (taken.has(fresh)) fresh = `${fresh}_`;
    taken.add(fresh);
    originals.set(fresh, group.name);
    out += pattern.slice(copied, group.nameAt) + fresh;
    copied = group.nameAt + group.name.length;
  }
  return { pattern: out + pattern.slice(copied), originals };
}

/** Where each `(?P<name>` / `(?<name>` opens outside escapes and classes. */
function namedGroupOffsets(pattern: string): { name: string; nameAt: number }[] {
  const found: { name: string; nameAt: number }[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      i = skipEscape(pattern, i);
    } else if (c === '[') {
      i = skipClass(pattern, i);
    } else if (c === '(') {
      const nameAt = pattern.startsWith('(?P<', i) ? i + 4 : pattern.startsWith('(?<', i) ? i + 3 : -1;
      const end = nameAt < 0 ? -1 : pattern.indexOf('>', nameAt);
      const name = end < 0 ? '' : pattern.slice(nameAt, end);
      if (VALID_NAME.test(name)) found.push({ name, nameAt });
      i += 1;
    } else {
      i += 1;
    }
  }
  return found;
}

/** Past one escape: `\Q…\E` (to the end when unclosed), `\p{…}` and `\x{…}`, or `\` and one character. */
function skipEscape(pattern: string, at: number): number {
  const next = pattern[at + 1];
  if (next === 'Q') {
    const end = pattern.indexOf('\\E', at + 2);
    return end < 0 ? pattern.length : end + 2;
  }
  if ((next === 'p' || next === 'P' || next === 'x') && pattern[at + 2] === '{') {
    const end = pattern.indexOf('}', at + 3);
    return end < 0 ? pattern.length : end + 1;
  }
  return at + 2;
}

/** Past a character class: a leading `^` and a leading `]` are part of it, `[:name:]` too. */
function skipClass(pattern: string, at: number): number {
  let i = at + 1;
  if (pattern[i] === '^') i += 1;
  if (pattern[i] === ']') i += 1;
  while (i < pattern.length && pattern[i] !== ']') {
    if (pattern[i] === '\\') i = skipEscape(pattern, i);
    else if (pattern.startsWith('[:', i)) {
      const end = pattern.indexOf(':]', i + 2);
      i = end < 0 ? i + 1 : end + 2;
    } else i += 1;
  }
  return i + 1;
}
