import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestPki, issueTestServerCertificate } from '@tideline/sandbox';
import { loadTlsPair, tlsFilesSignature } from './tls-files.js';

let dir: string;
/** PEM files of two serving certificates from one test CA. */
let leaf: { certFile: string; keyFile: string };
let other: typeof leaf;
const file = (name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-tls-files-'));
  await generateTestPki(dir);
  await issueTestServerCertificate(dir, 'leaf');
  await issueTestServerCertificate(dir, 'other');
  const files = (name: string): typeof leaf => ({
    certFile: join(dir, `${name}.crt`),
    keyFile: join(dir, `${name}.key`),
  });
  leaf = files('leaf');
  other = files('other');
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadTlsPair', () => {
  it('loads a matching pair and describes the certificate', () => {
    const pair = loadTlsPair(leaf);
    expect(pair.describe).toMatch(/^subject "CN=tideline-sandbox-leaf", serial [0-9A-F]+, expires /);
    expect(pair.key.toString()).toContain('PRIVATE KEY');
  });

  it.each<[string, () => { certFile: string; keyFile: string }, RegExp]>([
    [
      'a missing certificate',
      () => ({ certFile: join(dir, 'nope.crt'), keyFile: leaf.keyFile }),
      /cannot read the TLS certificate file .*nope\.crt: ENOENT/,
    ],
    [
      'a missing key',
      () => ({ certFile: leaf.certFile, keyFile: join(dir, 'nope.key') }),
      /cannot read the TLS key file .*nope\.key: ENOENT/,
    ],
    [
      'a certificate that is not PEM',
      () => ({ certFile: file('junk.crt', 'hello'), keyFile: leaf.keyFile }),
      /the TLS certificate file .*junk\.crt holds no PEM certificate/,
    ],
    [
      'a key that is not PEM',
      () => ({ certFile: leaf.certFile, keyFile: file('junk.key', 'secret-ish') }),
      /the TLS key file .*junk\.key holds no unencrypted PEM private key$/,
    ],
    [
      "another certificate's key",
      () => ({ certFile: leaf.certFile, keyFile: other.keyFile }),
      /the TLS key file .*other\.key does not match the certificate in .*leaf\.crt/,
    ],
    [
      'an oversized file',
      () => ({ certFile: file('huge.crt', Buffer.alloc(1024 * 1024 + 1)), keyFile: leaf.keyFile }),
      /huge\.crt is 1048577 bytes: over the 1048576-byte limit/,
    ],
  ])('refuses %s, naming the file', (_what, files, error) => {
    expect(() => loadTlsPair(files())).toThrow(error);
  });

  it('never quotes the key in an error', () => {
    const broken = file('broken.key', readFileSync(leaf.keyFile, 'utf8').replace(/[A-Za-z]{8}/, '!!!!!!!!'));
    expect(() => loadTlsPair({ certFile: leaf.certFile, keyFile: broken })).toThrow(
      /^the TLS key file .*broken\.key holds no unencrypted PEM private key$/,
    );
  });
});

describe('tlsFilesSignature', () => {
  it('changes when a file is rewritten or goes missing', () => {
    const files = { certFile: file('s.crt', 'a'), keyFile: file('s.key', 'b') };
    const before = tlsFilesSignature(files);
    expect(tlsFilesSignature(files)).toBe(before);
    writeFileSync(files.keyFile, 'bb');
    const rewritten = tlsFilesSignature(files);
    expect(rewritten).not.toBe(before);
    rmSync(files.certFile);
    expect(tlsFilesSignature(files)).toMatch(/^missing\|/);
  });
});
