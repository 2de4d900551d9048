import { checkConstraint, type Constraint } from './constraint-ops.js';
import { CONSTRAINT, CONSTRAINT_RANGE, FIND_CONSTRAINT, VALID_CONSTRAINT } from './constraint-syntax.js';
import { parseVersion, SemverError, type Version } from './version.js';

/** A parsed constraint expression: OR of AND groups, as Masterminds `Constraints`. */
export interface Constraints {
  readonly text: string;
  readonly groups: readonly (readonly Constraint[])[];
}

/**
 * Longest constraint accepted. Masterminds has no limit; ours keeps the polynomial cost of the
 * (backtracking) regular expressions small. Real ranges are a few dozen characters.
 */
export const MAX_CONSTRAINT_LENGTH = 1024;

const isX = (part: string): boolean => part === 'x' || part === 'X' || part === '*';

/** Rewrites `A - B` hyphen ranges into `>= A, <= B` (first occurrence of each match, as Go). */
function rewriteRange(text: string): string {
  let out = text;
  for (const m of text.matchAll(CONSTRAINT_RANGE)) {
    const at = out.indexOf(m[0]);
    if (at < 0) continue;
    out = `${out.slice(0, at)}>= ${m[1] ?? ''}, <= ${m[11] ?? ''}${out.slice(at + m[0].length)}`;
  }
  return out;
}

/** Parses one constraint such as `>=1.2`, `~1.x`, `!=2.0.0-beta.1`. */
function parseOne(text: string): Constraint {
  const m = CONSTRAINT.exec(text);
  if (!m) throw new SemverError(`improper constraint: ${text}`);
  const op = m[1] ?? '';
  const orig = m[2] ?? '';
  const [major, minor, patch, pre] = [m[3] ?? '', m[4] ?? '', m[5] ?? '', m[6] ?? ''];
  let ver = orig;
  let dirty = false;
  let minorDirty = false;
  let patchDirty = false;
  if (isX(major) || major === '') {
    ver = `0.0.0${pre}`;
    dirty = true;
  } else if (isX(minor.replace(/^\./, '')) || minor === '') {
    [ver, dirty, minorDirty] = [`${major}.0.0${pre}`, true, true];
  } else if (isX(patch.replace(/^\./, '')) || patch === '') {
    [ver, dirty, patchDirty] = [`${major}${minor}.0${pre}`, true, true];
  }
  let con: Version;
  try {
    con = parseVersion(ver);
  } catch {
    throw new SemverError('constraint Parser Error');
  }
  return { op, orig, con, dirty, minorDirty, patchDirty };
}

/**
 * Masterminds `NewConstraint`: `||` separates alternatives, commas or spaces separate
 * constraints that must all hold, `A - B` is an inclusive range, `x`/`X`/`*` are wildcards.
 * Throws {@link SemverError}. Pure.
 */
export function parseConstraints(text: string): Constraints {
  if (text.length > MAX_CONSTRAINT_LENGTH) {
    throw new SemverError(`improper constraint: longer than ${MAX_CONSTRAINT_LENGTH} characters`);
  }
  const rewritten = rewriteRange(text);
  const groups = rewritten.split('||').map((segment) => {
    if (!VALID_CONSTRAINT.test(segment)) throw new SemverError(`improper constraint: ${segment}`);
    const found = segment.match(FIND_CONSTRAINT) ?? [segment];
    return found.map(parseOne);
  });
  return { text, groups };
}

/** Whether a version satisfies any AND group of the constraints (Masterminds `Check`). Pure. */
export function satisfies(constraints: Constraints, version: Version): boolean {
  return constraints.groups.some((group) => group.every((c) => checkConstraint(c, version)));
}
