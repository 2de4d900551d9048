import type { GoFunction } from '../go-values.js';
import { COLLECTION_FUNCS } from './collections.js';
import { MISC_FUNCS } from './misc.js';
import { NUMBER_FUNCS } from './numbers.js';
import { STRING_FUNCS } from './strings.js';

/**
 * Sprig functions that `HermeticTxtFuncMap` keeps but Tideline does not implement: randomness,
 * key and certificate generation, encryption, clock-dependent dates, and a few string case
 * converters. A template using one fails to parse with a clear message instead of a wrong result.
 */
export const UNSUPPORTED_SPRIG = [
  'shuffle',
  'randInt',
  'bcrypt',
  'htpasswd',
  'genPrivateKey',
  'derivePassword',
  'buildCustomCert',
  'genCA',
  'genCAWithKey',
  'genSelfSignedCert',
  'genSelfSignedCertWithKey',
  'genSignedCert',
  'genSignedCertWithKey',
  'encryptAES',
  'decryptAES',
  'ago',
  'toDate',
  'mustToDate',
  'unixEpoch',
  'duration',
  'durationRound',
  'must_date_modify',
  'mustDateModify',
  'snakecase',
  'camelcase',
  'kebabcase',
  'swapcase',
  'wrap',
  'wrapWith',
  'abbrevboth',
  'typeIsLike',
  'deepCopy',
  'mustDeepCopy',
  'merge',
  'mergeOverwrite',
  'mustMerge',
  'mustMergeOverwrite',
  'semver',
  'urlParse',
  'urlJoin',
] as const;

/** Sprig's hermetic text functions that Tideline implements, by name. */
export const SPRIG_FUNCS: ReadonlyMap<string, GoFunction> = new Map(
  [...STRING_FUNCS, ...COLLECTION_FUNCS, ...NUMBER_FUNCS, ...MISC_FUNCS].map((f) => [f.name, f]),
);
