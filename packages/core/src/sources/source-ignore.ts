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

/**
 * Patterns from gitignore-syntax text (a `.sourceignore` or `spec.ignore`), scoped to `domain`
 * (the directory the text applies to, as path components). Lines starting with `#` and blank
 * lines are skipped; other lines are kept as written (a pattern's leading spaces count). Pure.
 */
export function readIgnorePatterns(text: string, domain: readonly string[] = []): IgnorePattern[] {
  const patterns: IgnorePattern[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.startsWith('#') || line.trim().length === 0) continue;
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
