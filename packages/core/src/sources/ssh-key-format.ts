/** Reading just enough of an SSH private key to know whether it needs a passphrase. */

const OPENSSH_BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----';
const OPENSSH_END = '-----END OPENSSH PRIVATE KEY-----';
const OPENSSH_MAGIC = 'openssh-key-v1\0';

/** The cipher named in an OpenSSH-format key (`none` when unencrypted), or undefined if it is not one. Pure. */
function opensshCipher(text: string): string | undefined {
  const start = text.indexOf(OPENSSH_BEGIN);
  const end = text.indexOf(OPENSSH_END);
  if (start < 0 || end < start) return undefined;
  const body = Buffer.from(text.slice(start + OPENSSH_BEGIN.length, end).replace(/\s+/g, ''), 'base64');
  if (body.subarray(0, OPENSSH_MAGIC.length).toString('latin1') !== OPENSSH_MAGIC) return undefined;
  const offset = OPENSSH_MAGIC.length;
  if (body.length < offset + 4) return undefined;
  const length = body.readUInt32BE(offset);
  if (body.length < offset + 4 + length) return undefined;
  return body.subarray(offset + 4, offset + 4 + length).toString('latin1');
}

/**
 * Whether a private key (OpenSSH format, PKCS#8 or traditional PEM) is encrypted, as Go's
 * `ssh.ParseRawPrivateKey` reports with `PassphraseMissingError`. Pure.
 */
export function isEncryptedPrivateKey(text: string): boolean {
  const cipher = opensshCipher(text);
  if (cipher !== undefined) return cipher !== 'none';
  return text.includes('-----BEGIN ENCRYPTED PRIVATE KEY-----') || /^Proc-Type:\s*4,ENCRYPTED/m.test(text);
}
