import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
import { encryptedSecretProblem, isDecryptionDisabled, isEncryptedSecret } from './encrypted-secret.js';

const secret = (extra: Record<string, unknown>, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 's', namespace: 'apps', ...(annotations ? { annotations } : {}) },
  ...extra,
});

describe('isDecryptionDisabled', () => {
  it.each([
    [{ 'kustomize.toolkit.fluxcd.io/decrypt': 'Disabled' }, true],
    [{ 'kustomize.toolkit.fluxcd.io/decrypt': 'disabled' }, true],
    [{ 'kustomize.toolkit.fluxcd.io/decrypt': 'DISABLED' }, true],
    [{ 'kustomize.toolkit.fluxcd.io/decrypt': 'enabled' }, false],
    [{ 'kustomize.toolkit.fluxcd.io/decrypt': '' }, false],
    [{}, false],
    [undefined, false],
  ])('%j → %s', (annotations, expected) => {
    expect(isDecryptionDisabled(annotations)).toBe(expected);
  });
});

describe('isEncryptedSecret / encryptedSecretProblem', () => {
  it('flags a v1 Secret with a top-level sops field, as Flux does', () => {
    const s = secret({ sops: { mac: 'ENC[…]' } });
    expect(isEncryptedSecret(s)).toBe(true);
    expect(encryptedSecretProblem([s])).toBe(
      'Secret/apps/s is SOPS encrypted, configuring decryption is required for this secret to be reconciled',
    );
  });

  it('ignores other kinds and Secrets without sops (Flux applies those as they are)', () => {
    const cm: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, sops: {} };
    expect(isEncryptedSecret(cm)).toBe(false);
    expect(encryptedSecretProblem([cm, secret({ data: { a: 'YQ==' } })])).toBeUndefined();
  });

  it('honours decrypt: disabled on the Secret', () => {
    const s = secret({ sops: {} }, { 'kustomize.toolkit.fluxcd.io/decrypt': 'Disabled' });
    expect(encryptedSecretProblem([s])).toBeUndefined();
  });
});
