import { isIgnored, parseIgnorePattern, type IgnorePattern } from './ignore-pattern.js';

/**
 * fluxcd/pkg `sourceignore` and `SourceIgnoreFilter`: which files of a checkout go into an
 * artifact. With no user patterns at all (no `.sourceignore` anywhere, no `spec.ignore`) the
 * VCS and default exclusions apply; any user pattern drops the defaults, keeping only VCS ones.
 */

/** The name of the per-directory ignore file. */
export const IGNORE_FILE = '.sourceignore';

/** Always excluded. */
export const EXCLUDE_VCS = ['.git/', '.gitignore', '.gitmodules', '.gitattributes'];
/** Excluded only when there are no user patterns: images, archives, CI configs, tool files. */
export const EXCLUDE_DEFAULT = [
  '*.jpg',
  '*.jpeg',
  '*.gif',
  '*.png',
  '*.wmv',
  '*.flv',
  '*.tar.gz',
  '*.zip',
  '.github/',
  '.circleci/',
  '.travis.yml',
  '.gitlab-ci.yml',
  'appveyor.yml',
  '.drone.yml',
  'cloudbuild.yaml',
  'codeship-services.yml',
  'codeship-steps.yml',
  '**/.goreleaser.yml',
  '**/.sops.yaml',
  '**/.flux.yaml',
];

/** Go's `bufio.Scanner` gives up on a line (with its newline) past 64 KiB; Flux keeps what it read. */
const MAX_LINE_BYTES = 64 * 1024;

/** Blank as Go's `strings.TrimSpace` sees it (`unicode.IsSpace`: U+0085 is a space, U+FEFF is not). */
const GO_BLANK = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

/**
 * Patterns from gitignore-syntax text (a `.sourceignore` or `spec.ignore`), scoped to `domain`
 * (the directory the text applies to, as path components), as fluxcd/pkg `ReadPatterns` reads
 * them: line by line (a trailing CR dropped), lines starting with `#` and blank lines skipped,
 * other lines kept as written (a pattern's leading spaces count), and reading stops at a line
 * of 64 KiB or more, where Go's line scanner stops. Pure.
 */
export function readIgnorePatterns(text: string, domain: readonly string[] = []): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  for (const raw of lines) {
    if (Buffer.byteLength(raw) >= MAX_LINE_BYTES) break;
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('#') || GO_BLANK.test(line)) continue;
    patterns.push(parseIgnorePattern(line, domain));
  }
  return patterns;
}

/** A predicate over paths (components relative to the root): true means leave it out. */
export type ExcludeFilter = (path: readonly string[], isDir: boolean) => boolean;

/** The filter for a set of user patterns, defaults included when there are none. Pure. */
export function sourceIgnoreFilter(userPatterns: readonly IgnorePattern[]): ExcludeFilter {
  const vcs = EXCLUDE_VCS.map((p) => parseIgnorePattern(p));
  const base = userPatterns.length > 0 ? vcs : [...vcs, ...EXCLUDE_DEFAULT.map((p) => parseIgnorePattern(p))];
  const patterns = [...base, ...userPatterns];
  return (path, isDir) => isIgnored(patterns, path, isDir);
}

/**
 * Whether nothing below an excluded directory can come back: true when no pattern re-includes
 * (`!`). Every go-git pattern that matches a directory also matches everything inside it, so
 * the walk may then skip the whole directory. Pure.
 */
export function canSkipExcludedDirectories(userPatterns: readonly IgnorePattern[]): boolean {
  return !userPatterns.some((p) => p.inclusion);
}
