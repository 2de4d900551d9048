import { filepathMatch } from '../../sources/filepath-match.js';

/** The file in a chart folder that lists what packaging leaves out. */
export const HELM_IGNORE = '.helmignore';

/** One `.helmignore` rule (Helm `pkg/ignore`). */
interface HelmIgnoreRule {
  negate: boolean;
  mustDir: boolean;
  match: (path: string) => boolean;
}

/** Parsed `.helmignore` rules plus Helm's default (`templates/.?*`). */
export type HelmIgnoreRules = readonly HelmIgnoreRule[];

const basename = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

function parseRule(raw: string): HelmIgnoreRule | undefined {
  let rule = raw.trim();
  if (rule === '' || rule.startsWith('#')) return undefined;
  if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
  const negate = rule.startsWith('!');
  if (negate) rule = rule.slice(1);
  const mustDir = rule.endsWith('/');
  if (mustDir) rule = rule.slice(0, -1);
  if (rule.startsWith('/')) {
    const anchored = rule.slice(1);
    return { negate, mustDir, match: (path) => filepathMatch(anchored, path) };
  }
  if (rule.includes('/')) return { negate, mustDir, match: (path) => filepathMatch(rule, path) };
  return { negate, mustDir, match: (path) => filepathMatch(rule, basename(path)) };
}

/**
 * Parses a `.helmignore` (absent: no user rules) and appends Helm's default rule. Throws on
 * `**`, which Helm refuses. Pure.
 */
export function parseHelmIgnore(text: string | undefined): HelmIgnoreRules {
  const rules: HelmIgnoreRule[] = [];
  for (const line of (text ?? '').replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const rule = parseRule(line);
    if (rule) rules.push(rule);
  }
  const defaults = parseRule('templates/.?*');
  if (defaults) rules.push(defaults);
  return rules;
}

/**
 * Helm's `Rules.Ignore`, quirks included: the first matching rule ignores; a negated rule
 * ignores everything it does *not* match (and, with a trailing `/`, every file). Pure.
 */
export function helmIgnores(rules: HelmIgnoreRules, path: string, isDir: boolean): boolean {
  if (path === '' || path === '.' || path === './') return false;
  for (const rule of rules) {
    if (rule.negate) {
      if (rule.mustDir && !isDir) return true;
      if (!rule.match(path)) return true;
      continue;
    }
    if (rule.mustDir && !isDir) continue;
    if (rule.match(path)) return true;
  }
  return false;
}

/**
 * Whether a file of a chart folder is left out: it or any folder above it is ignored (Helm's
 * walk skips an ignored folder whole). `path` is relative to the chart folder. Pure.
 */
export function helmIgnoresFile(rules: HelmIgnoreRules, path: string): boolean {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i += 1) {
    if (helmIgnores(rules, parts.slice(0, i).join('/'), true)) return true;
  }
  return helmIgnores(rules, path, false);
}
