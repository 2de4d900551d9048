import { describe, expect, it } from 'vitest';
import { compileRules, shouldBeEncrypted, type EncryptionRules } from './encryption-rules.js';

const enc = (rules: EncryptionRules, path: string[], comments: string[][] = [[]]): boolean =>
  shouldBeEncrypted(compileRules(rules), path, comments, false);

describe('shouldBeEncrypted (sops.go)', () => {
  it.each<[EncryptionRules, string[], boolean]>([
    [{ unencryptedSuffix: '_unencrypted' }, ['a', 'b'], true],
    [{ unencryptedSuffix: '_unencrypted' }, ['a_unencrypted', 'b'], false],
    [{ encryptedSuffix: '_enc' }, ['a', 'b'], false],
    [{ encryptedSuffix: '_enc' }, ['a_enc', 'b'], true],
    [{ encryptedRegex: '^(data|stringData)$' }, ['metadata', 'name'], false],
    [{ encryptedRegex: '^(data|stringData)$' }, ['stringData', 'key'], true],
    [{ unencryptedRegex: '^meta' }, ['metadata', 'name'], false],
    [{ unencryptedRegex: '^meta' }, ['data', 'x'], true],
    // An invalid pattern matches nothing, as Go's ignored error does.
    [{ encryptedRegex: '(' }, ['data'], false],
    // RE2 semantics: no backreferences (the pattern is invalid there, so nothing matches).
    [{ encryptedRegex: '(a)\\1' }, ['aa'], false],
  ])('%j at %j → %s', (rules, path, expected) => {
    expect(enc(rules, path)).toBe(expected);
  });

  it('follows comment rules, leaving the matching comment line itself in clear', () => {
    expect(enc({ encryptedCommentRegex: 'sops:enc' }, ['a'], [['sops:enc']])).toBe(true);
    expect(enc({ encryptedCommentRegex: 'sops:enc' }, ['a'], [['other']])).toBe(false);
    expect(
      shouldBeEncrypted(compileRules({ encryptedCommentRegex: 'sops:enc' }), ['a'], [['sops:enc']], true),
    ).toBe(false);
    expect(enc({ unencryptedCommentRegex: 'clear' }, ['a'], [['keep clear']])).toBe(false);
  });
});
