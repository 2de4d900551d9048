import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgeIdentities } from './age-identities.js';
import { decryptWithFormat, type DecryptOptions } from './decrypt-file.js';
import { formatForPath } from './formats.js';
import { GnuPGHome } from './gnupg-home.js';
import { LocalKeyService } from './local-key-service.js';

/**
 * The oracle: files encrypted by the real `sops` (its own test data and kustomize-controller's,
 * see testdata/README.md), decrypted with the published test keys. The MAC check runs on every
 * file, so a single wrong byte in any value, path or ordering fails the test.
 */
const testdata = (...p: string[]): string =>
  readFileSync(join(import.meta.dirname, 'testdata', ...p), 'utf8');
const strict: DecryptOptions = { verifyMac: true };

let gpg: GnuPGHome;
let keys: LocalKeyService;

beforeAll(async () => {
  gpg = await GnuPGHome.create();
  await gpg.import(testdata('sops', 'sops_functional_tests_key.asc'));
  await gpg.import(testdata('flux', 'pgp.asc'));
  const age = new AgeIdentities();
  age.import(testdata('flux', 'age.txt'));
  age.import(testdata('flux', 'age-pq.txt'));
  keys = new LocalKeyService(age, gpg);
}, 60_000);

afterAll(async () => {
  await gpg?.dispose();
});

const decrypt = (dir: string, file: string, out = formatForPath(file)): Promise<string> =>
  decryptWithFormat(testdata(dir, file), formatForPath(file), out, keys, strict);

describe('files encrypted by sops (PGP, the functional-test key)', () => {
  it('decrypts the functional-test files to exactly what sops prints', async () => {
    expect(await decrypt('sops', 'format.enc.yaml')).toBe('foo: bar\n');
    expect(await decrypt('sops', 'format.enc.json')).toBe('{\n\t"foo": "bar"\n}\n');
    expect(await decrypt('sops', 'format.enc.env')).toBe('foo = bar\n');
    expect(await decrypt('sops', 'format.enc.ini')).toBe('[foo]\nbar = baz\n');
    expect(await decrypt('sops', 'format-2.enc.ini')).toBe('[foo]\nbar = baz\n');
  });

  it('decrypts encrypted comments', async () => {
    const out = await decrypt('sops', 'comments.enc.yaml');
    expect(out).toContain('first comment in file');
    expect(out).toContain('this-is-a-comment');
    expect(out).toContain('lorem: ipsum');
    expect(out).toContain('dolor: sit');
  });

  it('decrypts example.yaml with its unencrypted_suffix, nested values, lists, numbers and booleans', async () => {
    const out = await decrypt('sops', 'example.yaml', 'json');
    const value = JSON.parse(out) as Record<string, unknown>;
    expect(value.myapp1).toBe('t00m4nys3cr3tzupdated');
    expect(value.app2).toMatchObject({ db: { user: 'eve', password: 'c4r1b0u' } });
    expect(value.number).toBe(1234568000);
    expect(value.an_array).toEqual([
      'secretuser1',
      'secretuser2',
      `somelongvalue${'A'.repeat(45)}`,
      'some other value',
    ]);
    expect(value.somebooleans).toEqual([true, false]);
    expect(value.somelist_unencrypted).toEqual([
      'all elements of this list',
      'remain in clear text',
      'because of the _unencrypted suffix in the key',
    ]);
  });

  it('decrypts example.json, example.ini and the binary example.txt (MAC verified)', async () => {
    expect(JSON.parse(await decrypt('sops', 'example.json'))).toMatchObject({
      firstName: 'John',
      age: 25.4,
      phoneNumbers: [
        { number: '212 555-1234', type: 'home' },
        { number: '646 555-4567', type: 'office' },
      ],
    });
    const ini = await decrypt('sops', 'example.ini');
    expect(ini).toContain('[address]\ncity          = New York\n');
    expect(ini).toContain('[not private]\nnotsecret_unencrypted = hi there!\n');
    expect(await decrypt('sops', 'example.txt')).toContain('Welcome to SOPS');
  });

  it('refuses a file with no MAC, as `sops decrypt` does without --ignore-mac', async () => {
    await expect(decrypt('sops', 'no_mac.yaml')).rejects.toThrow(
      "failed to verify sops data integrity: expected mac 'no MAC', got '<redacted>'",
    );
    // kustomize-controller skips the check; so does this option.
    await expect(
      decryptWithFormat(testdata('sops', 'no_mac.yaml'), 'yaml', 'yaml', keys, { verifyMac: false }),
    ).resolves.toBe('myapp1: t00m4nys3cr3tzupdated\n');
  });
});

describe("files encrypted by sops for kustomize-controller's tests (age, PGP)", () => {
  it('decrypts Secrets encrypted with age, hybrid post-quantum age, and PGP (encrypted_regex)', async () => {
    for (const file of ['age.yaml', 'age-pq.yaml', 'pgp.yaml']) {
      const out = JSON.parse(await decrypt('flux', file, 'json')) as { stringData: { key: string } };
      expect(out.stringData.key).toMatch(/^[a-z-]+$/);
      expect(out).not.toHaveProperty('sops');
    }
  });

  it('decrypts the dotenv and binary generator sources', async () => {
    expect(await decrypt('flux', 'env.env')).toMatch(/^key=\S+\n$/);
    expect(await decrypt('flux', 'file.txt')).not.toContain('ENC[');
  });

  it('reports a data key no identity can open in sops words', async () => {
    const age = new AgeIdentities();
    age.import('AGE-SECRET-KEY-1G0Q5K9TV4REQ3ZSQRMTMG8NSWQGYT0T7TZ33RAZEE0GZYVZN0APSU24RK7');
    const wrong = new LocalKeyService(age, undefined);
    await expect(
      decryptWithFormat(testdata('flux', 'age.yaml'), 'yaml', 'yaml', wrong, strict),
    ).rejects.toThrow(
      'cannot get sops data key: Failed to get the data key required to decrypt the SOPS file.\n\nGroup 0: FAILED\n  age1l44xcng8dqj32nlv6d930qvvrny05hglzcv9qpc7kxjc6902ma4qufys29: FAILED\n    - | failed to create reader for decrypting sops data key with\n      | age: no identity matched any of the recipients\n\nRecovery failed because no master key was able to decrypt the file. In\norder for SOPS to recover the file, at least one key has to be successful,\nbut none were.',
    );
  });
});
