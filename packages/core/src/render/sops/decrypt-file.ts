import { getDataKey, type KeyService } from './data-key.js';
import { decryptValue } from './encrypted-value.js';
import { SopsError } from './errors.js';
import { FORMAT_NAMES, STORES, type SopsFormat } from './formats.js';
import { extractMetadata, type SopsMetadata } from './metadata.js';
import { decryptTree } from './tree-decrypt.js';
import type { TreeBranch } from './tree.js';

/** Options of a decryption. */
export interface DecryptOptions {
  /**
   * Compare the MAC (sops's integrity check). kustomize-controller never does (its comment: the
   * resources it decrypts have been rewritten by kustomize); Tideline does wherever the bytes are
   * still the ones sops wrote.
   */
  verifyMac: boolean;
  /** Called with every decrypted string (see `tree-decrypt.ts`). */
  onPlaintext?: (text: string) => void;
}

/** Flux's `sopsUserErr`: a message, then the cause. */
const wrap = (message: string, error: unknown): SopsError =>
  new SopsError(`${message}: ${(error as Error).message}`);

/** A decrypted tree and the metadata it was decrypted with. */
export interface DecryptedTree {
  branches: TreeBranch[];
  metadata: SopsMetadata;
}

/**
 * Decrypts loaded branches: metadata out, data key from the key service, every value, then the
 * MAC check when asked. Errors use kustomize-controller's wording.
 */
export async function decryptBranches(
  loaded: TreeBranch[],
  format: SopsFormat,
  keys: KeyService,
  options: DecryptOptions,
): Promise<DecryptedTree> {
  const store = STORES[format];
  let tree: { branches: TreeBranch[]; metadata: SopsMetadata };
  try {
    tree = extractMetadata(loaded, store.layout, store.escapeNewlines);
  } catch (error) {
    throw wrap(`failed to load encrypted ${FORMAT_NAMES[format]} data`, error);
  }
  let key: Uint8Array;
  try {
    key = await getDataKey(tree.metadata, keys);
  } catch (error) {
    throw wrap('cannot get sops data key', error);
  }
  let decrypted: { branches: TreeBranch[]; mac: string };
  try {
    decrypted = decryptTree(tree.branches, key, { ...tree.metadata, onPlaintext: options.onPlaintext });
  } catch (error) {
    throw wrap('error decrypting sops tree', error);
  }
  if (options.verifyMac) verifyMac(tree.metadata, key, decrypted.mac);
  return { branches: decrypted.branches, metadata: tree.metadata };
}

/**
 * sops's integrity check. Flux's message quotes both MACs; they are hashes of the plaintext
 * (a dictionary attack on short values), so ours quotes neither, except sops's `no MAC`.
 */
function verifyMac(metadata: SopsMetadata, key: Uint8Array, computed: string): void {
  let original: unknown;
  try {
    original = decryptValue(metadata.mac, key, metadata.lastModified);
  } catch (error) {
    throw wrap('failed to verify sops data integrity', error);
  }
  if (original === computed) return;
  const expected = original === '' ? 'no MAC' : '<redacted>';
  throw new SopsError(`failed to verify sops data integrity: expected mac '${expected}', got '<redacted>'`);
}

/**
 * kustomize-controller's `SopsDecryptWithFormat`: reads `data` in one format and writes the
 * plaintext in another (an encrypted YAML file can become a binary Secret value).
 */
export async function decryptWithFormat(
  data: string,
  input: SopsFormat,
  output: SopsFormat,
  keys: KeyService,
  options: DecryptOptions,
): Promise<string> {
  let loaded: TreeBranch[];
  try {
    loaded = STORES[input].load(data);
  } catch (error) {
    throw wrap(`failed to load encrypted ${FORMAT_NAMES[input]} data`, error);
  }
  const { branches } = await decryptBranches(loaded, input, keys, options);
  try {
    return STORES[output].emit(branches);
  } catch (error) {
    throw wrap(
      `failed to emit encrypted ${FORMAT_NAMES[input]} file as decrypted ${FORMAT_NAMES[output]}`,
      error,
    );
  }
}
