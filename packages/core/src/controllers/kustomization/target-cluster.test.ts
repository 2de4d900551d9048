import { describe, expect, it } from 'vitest';
import { impersonatedUser, kubeconfigInSecret, TargetClusterError } from './target-cluster.js';

const ks = (serviceAccountName?: string) => ({
  metadata: { namespace: 'apps' },
  spec: { serviceAccountName },
});
const secret = (data: Record<string, string>) => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'kc', namespace: 'apps' },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')])),
});

describe('impersonatedUser', () => {
  it.each([
    [undefined, undefined, undefined],
    ['flux', undefined, 'system:serviceaccount:apps:flux'],
    [undefined, 'default-sa', 'system:serviceaccount:apps:default-sa'],
    ['flux', 'default-sa', 'system:serviceaccount:apps:flux'],
    ['', 'default-sa', 'system:serviceaccount:apps:default-sa'],
  ])('spec %s with default %s impersonates %s', (name, fallback, user) => {
    expect(impersonatedUser(ks(name), fallback)).toBe(user);
  });
});

describe('kubeconfigInSecret', () => {
  it.each([
    [{ value: 'A', 'value.yaml': 'B' }, undefined, 'A'],
    [{ 'value.yaml': 'B' }, undefined, 'B'],
    [{ value: 'A', custom: 'C' }, 'custom', 'C'],
  ])('reads %j with key %s', (data, key, text) => {
    expect(kubeconfigInSecret(secret(data), 'apps/kc', key)).toBe(text);
  });

  it.each([
    [
      { other: 'x' },
      undefined,
      "KubeConfig secret 'apps/kc' does not contain a 'value' key with a kubeconfig",
    ],
    [
      { value: 'x' },
      'custom',
      "KubeConfig secret 'apps/kc' does not contain a 'custom' key with a kubeconfig",
    ],
  ])('explains a missing key in %j (key %s)', (data, key, message) => {
    expect(() => kubeconfigInSecret(secret(data), 'apps/kc', key)).toThrow(new TargetClusterError(message));
  });
});
