import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { AgeIdentities } from '../sops/age-identities.js';
import { GnuPGHome, type GnuPGOptions } from '../sops/gnupg-home.js';

/** The keys of a Kustomization's decryption Secret. */
export interface DecryptionKeys {
  age: AgeIdentities;
  gpg: GnuPGHome;
}

/** A failure to load the keys: kustomize-controller reports it as BuildFailed with this text. */
export class DecryptionKeysError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecryptionKeysError';
  }
}

/** Secret keys Flux reads that Tideline refuses by name rather than ignoring. */
const UNSUPPORTED = ['sops.vault-token', 'sops.aws-kms', 'sops.azure-kv', 'sops.gcp-kms'];

const extname = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot === -1 ? '' : name.slice(dot);
};

/**
 * kustomize-controller's `ImportKeys`: every `*.asc` of the Secret into a fresh GnuPG home,
 * every `*.agekey` into the age identities. Keys for KMS, Vault and cloud credentials are
 * refused: Tideline cannot use them, and ignoring them would only move the failure later.
 * The caller disposes of `gpg` (also on failure: it is disposed of here before throwing).
 */
export async function importDecryptionKeys(
  resources: Resources,
  namespace: string,
  secretName: string | undefined,
  gpgOptions?: GnuPGOptions,
): Promise<DecryptionKeys> {
  const keys = { age: new AgeIdentities(), gpg: await GnuPGHome.create(gpgOptions) };
  if (!secretName) return keys;
  const ref = `${namespace}/${secretName}`;
  try {
    let secret: (KubeObject & { data?: Record<string, string> }) | undefined;
    try {
      secret = await resources.get<KubeObject & { data?: Record<string, string> }>({
        apiVersion: 'v1',
        kind: 'Secret',
        namespace,
        name: secretName,
      });
    } catch (error) {
      throw new DecryptionKeysError(
        `cannot get sops decryption Secret '${ref}': ${(error as Error).message}`,
      );
    }
    if (!secret) throw new DecryptionKeysError(`secrets "${secretName}" not found`);
    const names = Object.keys(secret.data ?? {}).sort();
    const unsupported = names.filter((n) => UNSUPPORTED.includes(n));
    if (unsupported.length > 0)
      throw new DecryptionKeysError(
        `sops decryption Secret '${ref}' holds ${unsupported.map((n) => `'${n}'`).join(', ')}: Vault, AWS KMS, Azure Key Vault and GCP KMS are not supported by Tideline (only age '*.agekey' and OpenPGP '*.asc' keys are)`,
      );
    for (const name of names) {
      const value = Buffer.from(secret.data?.[name] ?? '', 'base64').toString('utf8');
      try {
        if (extname(name) === '.asc') await keys.gpg.import(value);
        else if (extname(name) === '.agekey') keys.age.import(value);
      } catch (error) {
        throw new DecryptionKeysError(
          `failed to import '${name}' data from sops decryption Secret '${ref}': ${(error as Error).message}`,
        );
      }
    }
    return keys;
  } catch (error) {
    await keys.gpg.dispose();
    throw error;
  }
}
