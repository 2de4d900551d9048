import { isIgnored, parseIgnorePattern } from './ignore-pattern.js';
import { EXCLUDE_VCS, sourceIgnoreFilter } from './source-ignore.js';

const defaults = sourceIgnoreFilter([]);
const vcs = EXCLUDE_VCS.map((p) => parseIgnorePattern(p));

/**
 * Whether a path (slash-separated, relative) is excluded by Flux's default rules
 * (fluxcd/pkg SourceIgnoreFilter with no user patterns); `userRules` keeps only the VCS
 * exclusions, as any user pattern does. Pure.
 */
export function isExcludedByDefault(path: string, isDir: boolean, userRules = false): boolean {
  const parts = path.split('/');
  return userRules ? isIgnored(vcs, parts, isDir) : defaults(parts, isDir);
}
