import type { AgeIdentities } from './age-identities.js';
import type { KeyService } from './data-key.js';
import { SopsError } from './errors.js';
import type { GnuPGHome } from './gnupg-home.js';
import type { MasterKey } from './metadata.js';

/**
 * The key service of one decryption: age identities and a GnuPG home. Cloud KMS, Vault and the
 * other key types Flux can reach are named, never silently skipped: their keys fail with a
 * message saying Tideline does not support them.
 */
export class LocalKeyService implements KeyService {
  constructor(
    private readonly age: AgeIdentities,
    private readonly gpg: GnuPGHome | undefined,
  ) {}

  async decrypt(key: MasterKey): Promise<Uint8Array> {
    if (key.type === 'age') return this.age.decrypt(key.enc);
    if (key.type === 'pgp') {
      if (!this.gpg) throw new SopsError('could not decrypt data key with PGP key: no GnuPG home');
      return this.gpg.decrypt(key.enc);
    }
    throw new SopsError(`${key.type} master keys are not supported by Tideline (only age and PGP are)`);
  }
}
