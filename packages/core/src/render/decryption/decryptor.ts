import { lstat, readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import type { KubeObject } from '../../kube/objects.js';
import { replaceFile } from '../replace-file.js';
import { SecretRedactor } from '../secret-redactor.js';
import { decodeBase64Strict } from '../sops/base64-strict.js';
import { decryptBranches, decryptWithFormat, type DecryptOptions } from '../sops/decrypt-file.js';
import { detectFormat, formatForPath, MARKERS } from '../sops/formats.js';
import { LocalKeyService } from '../sops/local-key-service.js';
import { fromJsValue, toJsValue } from '../sops/store-json.js';
import { isBranch } from '../sops/tree.js';
import type { DecryptionKeys } from './decryption-keys.js';
import { isDecryptionDisabled } from './encrypted-secret.js';
import { encryptedSourceCandidates } from './kustomization-sources.js';

/** Flux's cap on an encrypted file (`maxEncryptedFileSize`, 5 MiB). */
export const MAX_ENCRYPTED_FILE_BYTES = 5 << 20;

/** kustomize-controller's `isSOPSEncryptedResource`: a `sops` mapping with a non-empty `mac`. Pure. */
export function isSopsEncryptedResource(obj: KubeObject): boolean {
  const sops = obj.sops as { mac?: unknown } | undefined;
  return !!sops && typeof sops === 'object' && sops.mac !== undefined && sops.mac !== null && sops.mac !== '';
}

/**
 * kustomize-controller's Decryptor for one build: decrypts the generator sources and patches in
 * the (private) build tree before kustomize runs, then each built resource. Every decrypted
 * string is remembered so that {@link redact} can keep it out of conditions, events and logs.
 */
export class SopsDecryptor {
  private readonly keys: LocalKeyService;

  constructor(
    private readonly root: string,
    keys: DecryptionKeys,
    /** Where decrypted strings are remembered; the build shares it with its other secret values. */
    readonly redactor = new SecretRedactor(),
    private readonly maxFileBytes = MAX_ENCRYPTED_FILE_BYTES,
  ) {
    this.keys = new LocalKeyService(keys.age, keys.gpg);
  }

  private options(verifyMac: boolean): DecryptOptions {
    return {
      verifyMac,
      onPlaintext: (s) => this.redactor.add(s),
    };
  }

  /** Replaces every decrypted value in `message` with `<redacted>`. */
  redact(message: string): string {
    return this.redactor.redact(message);
  }

  /**
   * Flux's `DecryptSources`: each source that carries its format's SOPS marker is decrypted and
   * written back in place of the file (0600, a new inode: build trees are hard links). Our MAC
   * check runs here: these bytes are exactly what sops wrote.
   */
  async decryptSources(dir: string): Promise<void> {
    for (const src of await encryptedSourceCandidates(this.root, dir)) {
      const rel = relative(this.root, src.path);
      const st = await lstat(src.path).catch((error: NodeJS.ErrnoException) => {
        throw new Error(
          `lstat ${rel}: ${error.code === 'ENOENT' ? 'no such file or directory' : error.message}`,
        );
      });
      if (!st.isFile()) throw new Error('cannot decrypt irregular file as it has file mode type bits set');
      if (st.size > this.maxFileBytes)
        throw new Error(
          `cannot decrypt file with size (${st.size} bytes) exceeding limit (${this.maxFileBytes})`,
        );
      const data = await readFile(src.path, 'utf8');
      if (!data.includes(MARKERS[src.format])) continue;
      const out = await decryptWithFormat(data, src.format, src.format, this.keys, this.options(true));
      await replaceFile(src.path, out, 0o600);
    }
  }

  /**
   * Flux's `DecryptResource`: a resource with SOPS metadata is decrypted whole (as JSON; no MAC
   * check, as in Flux: kustomize and Flux rewrite resources, e.g. `namespace`, so the MAC of the
   * file no longer applies); otherwise a Secret's `data` values that are SOPS files are
   * decrypted into the format their key names. Undefined when nothing is to be decrypted.
   */
  async decryptResource(obj: KubeObject): Promise<KubeObject | undefined> {
    if (isDecryptionDisabled(obj.metadata.annotations)) return undefined;
    const subject = `'${obj.metadata.namespace ?? ''}/${obj.metadata.name}'`;
    if (isSopsEncryptedResource(obj)) {
      try {
        const tree = fromJsValue(obj);
        if (!isBranch(tree)) return undefined;
        const { branches } = await decryptBranches([tree], 'json', this.keys, this.options(false));
        return toJsValue(branches[0] ?? tree) as KubeObject;
      } catch (error) {
        throw new Error(
          `failed to decrypt and format ${subject} ${obj.kind} data: ${(error as Error).message}`,
        );
      }
    }
    if (obj.kind !== 'Secret') return undefined;
    return this.decryptSecretData(obj, subject);
  }

  private async decryptSecretData(obj: KubeObject, subject: string): Promise<KubeObject | undefined> {
    const data = (obj.data ?? {}) as Record<string, unknown>;
    const out: Record<string, unknown> = { ...data };
    for (const [key, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      const raw = decodeBase64Strict(value);
      // Not base64: a user error the API server reports at apply (Flux lets it through too).
      if (!raw) continue;
      const text = Buffer.from(raw).toString('utf8');
      const format = detectFormat(text);
      if (!format) continue;
      try {
        const plain = await decryptWithFormat(
          text,
          format,
          formatForPath(key),
          this.keys,
          this.options(true),
        );
        out[key] = Buffer.from(plain, 'utf8').toString('base64');
      } catch (error) {
        throw new Error(
          `failed to decrypt and format ${subject} Secret field '${key}': ${(error as Error).message}`,
        );
      }
    }
    return { ...obj, data: out };
  }
}
