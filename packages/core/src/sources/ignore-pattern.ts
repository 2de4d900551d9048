import { filepathMatch } from './filepath-match.js';

/**
 * gitignore patterns as go-git's `plumbing/format/gitignore` (vendored by fluxcd/pkg
 * sourceignore) reads them — not quite git's own rules: a pattern without `/` matches any path
 * component (so everything under a matching directory too), a pattern with `/` is anchored to
 * its domain and matches by prefix, `**` spans directories, a trailing `/` means directories
 * only, `!` re-includes. The last matching pattern decides.
 */

/** The verdict of one pattern on one path. */
export type IgnoreMatch = 'none' | 'exclude' | 'include';

/** A parsed pattern, scoped to the directory (domain) its `.sourceignore` lives in. */
export interface IgnorePattern {
  readonly domain: readonly string[];
  readonly parts: readonly string[];
  readonly inclusion: boolean;
  readonly dirOnly: boolean;
  readonly isGlob: boolean;
}

/** go-git `ParsePattern`. Pure. */
export function parseIgnorePattern(text: string, domain: readonly string[] = []): IgnorePattern {
  let p = text;
  let inclusion = false;
  if (p.startsWith('!')) {
    inclusion = true;
    p = p.slice(1);
  }
  if (!p.endsWith('\\ ')) p = p.replace(/ +$/, '');
  let dirOnly = false;
  if (p.endsWith('/')) {
    dirOnly = true;
    p = p.slice(0, -1);
  }
  return { domain: [...domain], parts: p.split('/'), inclusion, dirOnly, isGlob: p.includes('/') };
}

function simpleNameMatch(pattern: IgnorePattern, path: readonly string[], isDir: boolean): boolean {
  for (let i = 0; i < path.length; i++) {
    if (!filepathMatch(pattern.parts[0] ?? '', path[i] ?? '')) continue;
    return !(pattern.dirOnly && !isDir && i === path.length - 1);
  }
  return false;
}

function globMatch(pattern: IgnorePattern, fullPath: readonly string[], isDir: boolean): boolean {
  let path = fullPath;
  let matched = false;
  let canTraverse = false;
  for (let i = 0; i < pattern.parts.length; i++) {
    const part = pattern.parts[i] ?? '';
    if (part === '') {
      canTraverse = false;
      continue;
    }
    if (part === '**') {
      if (i === pattern.parts.length - 1) break;
      canTraverse = true;
      continue;
    }
    if (part.includes('**')) return false;
    if (path.length === 0) return false;
    if (canTraverse) {
      canTraverse = false;
      while (path.length > 0) {
        const e = path[0] ?? '';
        path = path.slice(1);
        if (filepathMatch(part, e)) {
          matched = true;
          break;
        } else if (path.length === 0) {
          matched = false;
        }
      }
    } else {
      if (!filepathMatch(part, path[0] ?? '')) return false;
      matched = true;
      path = path.slice(1);
    }
  }
  if (matched && pattern.dirOnly && !isDir && path.length === 0) matched = false;
  return matched;
}

/** go-git `pattern.Match`: a path given as components, relative to the artifact root. Pure. */
export function matchIgnorePattern(
  pattern: IgnorePattern,
  path: readonly string[],
  isDir: boolean,
): IgnoreMatch {
  if (path.length <= pattern.domain.length) return 'none';
  for (let i = 0; i < pattern.domain.length; i++) if (path[i] !== pattern.domain[i]) return 'none';
  const rest = path.slice(pattern.domain.length);
  const hit = pattern.isGlob ? globMatch(pattern, rest, isDir) : simpleNameMatch(pattern, rest, isDir);
  if (!hit) return 'none';
  return pattern.inclusion ? 'include' : 'exclude';
}

/** go-git `Matcher.Match`: patterns in increasing priority; the last one that matches decides. Pure. */
export function isIgnored(
  patterns: readonly IgnorePattern[],
  path: readonly string[],
  isDir: boolean,
): boolean {
  for (let i = patterns.length - 1; i >= 0; i--) {
    const verdict = matchIgnorePattern(patterns[i] as IgnorePattern, path, isDir);
    if (verdict !== 'none') return verdict === 'exclude';
  }
  return false;
}
