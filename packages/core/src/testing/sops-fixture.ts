import { createHash, randomBytes } from 'node:crypto';
import { armor, Encrypter } from 'age-encryption';
import { encryptValue } from '../render/sops/encrypted-value.js';

/**
 * Writes a dotenv file as `sops --encrypt` would for an age recipient (values encrypted with a
 * fresh data key and their path as additional data, the MAC over the plaintext values, the data
 * key sealed with age). The decryption side is checked against files made by the real sops
 * (render/sops/testdata); this only lets tests plant values of their own.
 */
export async function sopsEncryptDotenv(
  entries: Record<string, string>,
  ageRecipient: string,
): Promise<string> {
  const key = randomBytes(32);
  const lastModified = '2026-01-01T00:00:00Z';
  const mac = createHash('sha512');
  let out = '';
  for (const [k, v] of Object.entries(entries)) {
    mac.update(Buffer.from(v, 'utf8'));
    out += `${k}=${encryptValue(v, key, `${k}:`)}\n`;
  }
  const encrypter = new Encrypter();
  encrypter.addRecipient(ageRecipient);
  const sealed = armor.encode(await encrypter.encrypt(key)).replaceAll('\n', '\\n');
  out += `sops_age__list_0__map_enc=${sealed}\n`;
  out += `sops_age__list_0__map_recipient=${ageRecipient}\n`;
  out += `sops_lastmodified=${lastModified}\n`;
  out += `sops_mac=${encryptValue(mac.digest('hex').toUpperCase(), key, lastModified)}\n`;
  out += 'sops_unencrypted_suffix=_unencrypted\nsops_version=3.13.2\n';
  return out;
}
