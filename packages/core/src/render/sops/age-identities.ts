import { armor, Decrypter } from 'age-encryption';
import { SopsError } from './errors.js';

/** The identity types sops parses from an age key file (`parseIdentity`). */
const X25519 = 'AGE-SECRET-KEY-1';
const HYBRID = 'AGE-SECRET-KEY-PQ-1';

/**
 * The age identities of a decryption (sops's `ParsedIdentities`), decrypting data keys with the
 * reference TypeScript implementation of age. Identities never leave this object: errors name
 * the line that failed, not its content.
 */
export class AgeIdentities {
  private readonly identities: string[] = [];

  /** sops's `Import`: one identity per line, `#` comments and blank lines skipped. */
  import(text: string): void {
    for (const raw of text.split('\n')) {
      const line = raw.replace(/\r$/, '');
      if (line === '' || line.startsWith('#')) continue;
      if (line.startsWith('AGE-PLUGIN-'))
        throw new SopsError(
          'failed to parse and add to age identities: age plugins are not supported by Tideline',
        );
      if (!line.startsWith(HYBRID) && !line.startsWith(X25519))
        throw new SopsError('failed to parse and add to age identities: unknown identity type');
      try {
        new Decrypter().addIdentity(line);
      } catch {
        throw new SopsError('failed to parse and add to age identities: malformed secret key');
      }
      this.identities.push(line);
    }
  }

  /** How many identities were imported. */
  get size(): number {
    return this.identities.length;
  }

  /** Decrypts an armored age file (a sops data key) with every identity; sops's error wording. */
  async decrypt(armored: string): Promise<Uint8Array> {
    if (this.identities.length === 0) throw new SopsError('failed to load age identities');
    let file: Uint8Array;
    try {
      file = armor.decode(armored);
    } catch (error) {
      throw new SopsError(
        `failed to create reader for decrypting sops data key with age: ${(error as Error).message}`,
      );
    }
    const decrypter = new Decrypter();
    for (const id of this.identities) decrypter.addIdentity(id);
    try {
      return await decrypter.decrypt(file);
    } catch (error) {
      const message = (error as Error).message.startsWith('no identity matched')
        ? 'no identity matched any of the recipients'
        : (error as Error).message;
      throw new SopsError(`failed to create reader for decrypting sops data key with age: ${message}`);
    }
  }
}
