import { compareVersions, comparePrerelease, type Version } from './version.js';

/** One parsed constraint, as Masterminds keeps it. */
export interface Constraint {
  /** The operator as written (`''`, `=`, `!=`, `>`, `<`, `>=`, `=>`, `<=`, `=<`, `~`, `~>`, `^`). */
  readonly op: string;
  /** The version as written, e.g. `1.x`. */
  readonly orig: string;
  /** The version compared against, with wildcards zeroed. */
  readonly con: Version;
  /** A wildcard (or missing part) somewhere. */
  readonly dirty: boolean;
  /** The minor part (and so the patch) was a wildcard or missing. */
  readonly minorDirty: boolean;
  /** Only the patch part was a wildcard or missing. */
  readonly patchDirty: boolean;
}

type Check = (v: Version, c: Constraint) => boolean;

/** Pre-releases only satisfy constraints whose own version has a pre-release (issue 21). */
function excludedPrerelease(v: Version, c: Constraint): boolean {
  return v.prerelease !== '' && c.con.prerelease === '';
}

const lt = (a: Version, b: Version): boolean => compareVersions(a, b) < 0;

function notEqual(v: Version, c: Constraint): boolean {
  if (c.dirty) {
    if (excludedPrerelease(v, c)) return false;
    if (c.con.major !== v.major) return true;
    if (c.con.minor !== v.minor && !c.minorDirty) return true;
    if (c.minorDirty) return false;
    if (c.con.patch !== v.patch && !c.patchDirty) return true;
    if (c.patchDirty) {
      if (v.prerelease !== '' || c.con.prerelease !== '')
        return comparePrerelease(v.prerelease, c.con.prerelease) !== 0;
      return false;
    }
  }
  return compareVersions(v, c.con) !== 0;
}

function greaterThan(v: Version, c: Constraint): boolean {
  if (excludedPrerelease(v, c)) return false;
  if (!c.dirty) return compareVersions(v, c.con) === 1;
  if (v.major > c.con.major) return true;
  if (v.major < c.con.major) return false;
  if (c.minorDirty) return false;
  if (c.patchDirty) return v.minor > c.con.minor;
  return compareVersions(v, c.con) === 1;
}

function lessThan(v: Version, c: Constraint): boolean {
  if (excludedPrerelease(v, c)) return false;
  return compareVersions(v, c.con) < 0;
}

function greaterThanEqual(v: Version, c: Constraint): boolean {
  if (excludedPrerelease(v, c)) return false;
  return compareVersions(v, c.con) >= 0;
}

function lessThanEqual(v: Version, c: Constraint): boolean {
  if (excludedPrerelease(v, c)) return false;
  if (!c.dirty) return compareVersions(v, c.con) <= 0;
  if (v.major > c.con.major) return false;
  if (v.major === c.con.major && v.minor > c.con.minor && !c.minorDirty) return false;
  return true;
}

function tilde(v: Version, c: Constraint): boolean {
  if (excludedPrerelease(v, c)) return false;
  if (lt(v, c.con)) return false;
  // ~0.0.0 is >= 0.0.0
  if (c.con.major === 0n && c.con.minor === 0n && c.con.patch === 0n && !c.minorDirty && !c.patchDirty)
    return true;
  if (v.major !== c.con.major) return false;
  if (v.minor !== c.con.minor && !c.minorDirty) return false;
  return true;
}

function tildeOrEqual(v: Version, c: Constraint): boolean {
  if (excludedPrerelease(v, c)) return false;
  if (c.dirty) return tilde(v, c);
  return compareVersions(v, c.con) === 0;
}

function caret(v: Version, c: Constraint): boolean {
  if (excludedPrerelease(v, c)) return false;
  if (lt(v, c.con)) return false;
  if (c.con.major > 0n || c.minorDirty) return v.major === c.con.major;
  if (c.con.major === 0n && v.major > 0n) return false;
  if (c.con.minor > 0n || c.patchDirty) return v.minor === c.con.minor;
  if (c.con.minor === 0n && v.minor > 0n) return false;
  return c.con.patch === v.patch;
}

const OPERATORS: Readonly<Record<string, Check>> = {
  '': tildeOrEqual,
  '=': tildeOrEqual,
  '!=': notEqual,
  '>': greaterThan,
  '<': lessThan,
  '>=': greaterThanEqual,
  '=>': greaterThanEqual,
  '<=': lessThanEqual,
  '=<': lessThanEqual,
  '~': tilde,
  '~>': tilde,
  '^': caret,
};

/** Whether one constraint admits a version. Pure. */
export function checkConstraint(c: Constraint, v: Version): boolean {
  const check = OPERATORS[c.op];
  return check ? check(v, c) : false;
}
