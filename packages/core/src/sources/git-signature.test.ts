import { describe, expect, it } from 'vitest';
import { splitCommitObject, splitTagObject, signatureType } from './git-signature.js';
import { verifiedKeyId } from './pgp-verify.js';
import { authorizedKeyLines, sshFingerprint } from './ssh-verify.js';

const SIG = '-----BEGIN PGP SIGNATURE-----\n\niQEz\n=abcd\n-----END PGP SIGNATURE-----\n';

describe('signed Git objects', () => {
  it('splits a commit into payload and gpgsig', () => {
    const raw = `tree t\nparent p\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\ngpgsig ${SIG.trimEnd().split('\n').join('\n ')}\n\nsubject\n\nbody\n`;
    const { payload, signature } = splitCommitObject(raw);
    expect(payload.toString()).toBe(
      'tree t\nparent p\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nsubject\n\nbody\n',
    );
    expect(signature).toBe(SIG);
    expect(signatureType(signature)).toBe('openpgp');
  });

  it('reads an unsigned commit as an empty signature', () => {
    const raw = 'tree t\nauthor A <a@x> 1 +0000\ncommitter A <a@x> 1 +0000\n\nsubject\n';
    expect(splitCommitObject(raw)).toEqual({ payload: Buffer.from(raw), signature: '' });
    expect(signatureType('')).toBe('empty');
  });

  it('splits a tag at its trailing signature', () => {
    const head = 'object o\ntype commit\ntag v1\ntagger A <a@x> 1 +0000\n\nrelease\n';
    expect(splitTagObject(head + SIG)).toEqual({ payload: Buffer.from(head), signature: SIG });
    expect(splitTagObject(head).signature).toBe('');
  });

  it.each([
    ['-----BEGIN SSH SIGNATURE-----\nx', 'ssh'],
    ['-----BEGIN SIGNED MESSAGE-----\nx', 'x509'],
    ['garbage', 'unknown'],
  ])('%s is %s', (signature, type) => {
    expect(signatureType(signature)).toBe(type);
  });
});

describe('gpg status parsing', () => {
  const fpr = 'ABCDEF0123456789ABCDEF0123456789ABCDEF01';
  const primary = '0011223344556677889900112233445566778899';
  it.each([
    [
      'good and valid: the primary key id',
      `[GNUPG:] GOODSIG 89ABCDEF01 T\n[GNUPG:] VALIDSIG ${fpr} 2026-01-01 1 0 4 0 1 8 00 ${primary}\n`,
      '2233445566778899',
    ],
    ['a bad signature', `[GNUPG:] BADSIG 89ABCDEF01 T\n`, undefined],
    [
      'an expired key',
      `[GNUPG:] EXPKEYSIG 89ABCDEF01 T\n[GNUPG:] VALIDSIG ${fpr} 2026-01-01 1 0 4 0 1 8 00 ${primary}\n`,
      undefined,
    ],
    ['no public key', `[GNUPG:] ERRSIG 89ABCDEF01 1 8 00 1 9\n[GNUPG:] NO_PUBKEY 89ABCDEF01\n`, undefined],
  ])('%s', (_t, status, id) => {
    expect(verifiedKeyId(status)).toBe(id);
  });
});

describe('ssh-keygen output parsing', () => {
  it('finds the fingerprint of a good signature', () => {
    expect(
      sshFingerprint('Good "git" signature for tideline with ED25519 key SHA256:JS7x7JKBOTKU+dwDcjShMxA\n'),
    ).toBe('SHA256:JS7x7JKBOTKU+dwDcjShMxA');
    expect(sshFingerprint('Could not verify signature.\n')).toBeUndefined();
  });

  it('reads authorized_keys lines, skipping blanks and comments', () => {
    expect(authorizedKeyLines('# mine\nssh-ed25519 AAAA a@b\n\n  ssh-rsa BBBB  \n')).toEqual([
      'ssh-ed25519 AAAA a@b',
      'ssh-rsa BBBB',
    ]);
  });
});
