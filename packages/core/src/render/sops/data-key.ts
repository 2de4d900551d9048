import { SopsError } from './errors.js';
import { dataKeyFailure, keyFailure } from './key-errors.js';
import type { MasterKey, SopsMetadata } from './metadata.js';
import { shamirCombine } from './shamir.js';

/** Decrypts the data key (or a Shamir part) one master key holds; rejects with sops's wording. */
export interface KeyService {
  decrypt(key: MasterKey): Promise<Uint8Array>;
}

/** sops's `DefaultDecryptionOrder`: age first, then PGP, then the rest in file order. */
const ORDER = ['age', 'pgp'];
const rank = (k: MasterKey): number => (ORDER.includes(k.type) ? ORDER.indexOf(k.type) : ORDER.length);

async function decryptGroup(
  group: readonly MasterKey[],
  service: KeyService,
): Promise<Uint8Array | string[]> {
  const failures: string[] = [];
  const sorted = [...group].sort((a, b) => rank(a) - rank(b));
  for (const key of sorted) {
    try {
      return await service.decrypt(key);
    } catch (error) {
      failures.push(keyFailure(key.name, [(error as Error).message]));
    }
  }
  return failures;
}

/**
 * sops's `GetDataKeyWithKeyServices`: one key of each group must decrypt its part; several groups
 * are recombined with Shamir (at least `shamir_threshold` of them).
 */
export async function getDataKey(metadata: SopsMetadata, service: KeyService): Promise<Uint8Array> {
  const results: (Uint8Array | string[])[] = [];
  for (const group of metadata.keyGroups) results.push(await decryptGroup(group, service));
  const parts = results.filter((r): r is Uint8Array => r instanceof Uint8Array);
  const report = (): SopsError =>
    new SopsError(
      dataKeyFailure(
        results.map((r) => (r instanceof Uint8Array ? undefined : r)),
        metadata.shamirThreshold,
      ),
    );
  if (metadata.keyGroups.length > 1) {
    if (parts.length < metadata.shamirThreshold || parts.length === 0) throw report();
    try {
      return shamirCombine(parts);
    } catch (error) {
      throw new SopsError(`could not get data key from shamir parts: ${(error as Error).message}`);
    }
  }
  const [only] = parts;
  if (parts.length !== 1 || !only) throw report();
  return only;
}
