import { objectSubject, type KubeObject } from '../../kube/objects.js';

/** The per-object annotation that turns decryption off (`kustomize.toolkit.fluxcd.io/decrypt`). */
export const DECRYPT_ANNOTATION = 'kustomize.toolkit.fluxcd.io/decrypt';

/** Whether an object opts out of decryption (`decrypt: Disabled`, any case, as Flux's EqualFold). Pure. */
export function isDecryptionDisabled(annotations: Record<string, string> | undefined): boolean {
  return (annotations?.[DECRYPT_ANNOTATION] ?? '').toLowerCase() === 'disabled';
}

/**
 * kustomize-controller's `IsEncryptedSecret`: a `v1` Secret with a top-level `sops` field. Only
 * Secrets: Flux applies any other kind that still carries SOPS metadata as it is. Pure.
 */
export function isEncryptedSecret(obj: KubeObject): boolean {
  return obj.kind === 'Secret' && obj.apiVersion === 'v1' && 'sops' in obj;
}

/**
 * Flux's refusal, checked before anything is applied: an encrypted Secret (not opted out) means
 * decryption is missing or did not cover it, and its ciphertext must never reach the cluster.
 * Returns the error message, or undefined. Pure.
 */
export function encryptedSecretProblem(objects: readonly KubeObject[]): string | undefined {
  const found = objects.find((o) => isEncryptedSecret(o) && !isDecryptionDisabled(o.metadata.annotations));
  return found
    ? `${objectSubject(found)} is SOPS encrypted, configuring decryption is required for this secret to be reconciled`
    : undefined;
}
