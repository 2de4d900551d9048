import type { V1PersistentVolume, V1PersistentVolumeClaim } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { claimNeedsVolume, simulatedVolume, volumeIsOrphaned } from './volume-plan.js';

function claim(overrides: Partial<V1PersistentVolumeClaim> = {}): V1PersistentVolumeClaim {
  return {
    metadata: { name: 'data', namespace: 'app', uid: 'u-1' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '5Gi' } } },
    status: { phase: 'Pending' },
    ...overrides,
  };
}

describe('simulatedVolume', () => {
  it('is a hostPath volume pre-bound to the claim with its size and modes', () => {
    const volume = simulatedVolume(claim());
    expect(volume.metadata?.name).toBe('pvc-u-1');
    expect(volume.metadata?.labels).toEqual({ 'sandbox.tideline.dev/provisioned-by': 'simulated-kubelet' });
    expect(volume.spec).toEqual({
      capacity: { storage: '5Gi' },
      accessModes: ['ReadWriteOnce'],
      volumeMode: 'Filesystem',
      storageClassName: '',
      persistentVolumeReclaimPolicy: 'Retain',
      hostPath: { path: '/tmp/tideline-pv/pvc-u-1', type: 'DirectoryOrCreate' },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        namespace: 'app',
        name: 'data',
        uid: 'u-1',
      },
    });
  });

  it.each<[string, V1PersistentVolumeClaim, string]>([
    [
      'spec class',
      claim({ spec: { storageClassName: 'fast', resources: { requests: { storage: '1Gi' } } } }),
      'fast',
    ],
    [
      'beta annotation',
      claim({
        metadata: {
          name: 'd',
          namespace: 'n',
          uid: 'u',
          annotations: { 'volume.beta.kubernetes.io/storage-class': 'old' },
        },
      }),
      'old',
    ],
    ['no class', claim(), ''],
  ])('takes the storage class from the %s', (_what, c, expected) => {
    expect(simulatedVolume(c).spec?.storageClassName).toBe(expected);
  });

  it('copies selector labels and block mode', () => {
    const volume = simulatedVolume(
      claim({
        spec: {
          volumeMode: 'Block',
          accessModes: ['ReadWriteMany'],
          selector: { matchLabels: { tier: 'db' } },
          resources: { requests: { storage: '1Gi' } },
        },
      }),
    );
    expect(volume.metadata?.labels?.tier).toBe('db');
    expect(volume.spec?.volumeMode).toBe('Block');
    expect(volume.spec?.accessModes).toEqual(['ReadWriteMany']);
  });
});

describe('claimNeedsVolume', () => {
  it.each<[string, V1PersistentVolumeClaim, boolean, boolean]>([
    ['a pending claim', claim(), false, true],
    ['a claim without status yet', claim({ status: undefined }), false, true],
    ['a pending claim whose volume exists', claim(), true, false],
    ['a bound claim', claim({ status: { phase: 'Bound' } }), false, false],
    ['a claim naming its volume', claim({ spec: { volumeName: 'pv-x' } }), false, false],
    [
      'a claim being deleted',
      claim({ metadata: { name: 'd', namespace: 'n', uid: 'u', deletionTimestamp: new Date() } }),
      false,
      false,
    ],
  ])('%s → %s', (_what, c, exists, expected) => {
    expect(claimNeedsVolume(c, exists)).toBe(expected);
  });
});

describe('volumeIsOrphaned', () => {
  const volume = (phase: string, deleting = false): V1PersistentVolume => ({
    metadata: { name: 'pvc-u', deletionTimestamp: deleting ? new Date() : undefined },
    status: { phase },
  });
  it.each<[string, V1PersistentVolume, boolean, boolean]>([
    ['bound to an existing claim', volume('Bound'), true, false],
    ['available, claim exists', volume('Available'), true, false],
    ['released', volume('Released'), true, true],
    ['failed', volume('Failed'), true, true],
    ['claim gone', volume('Available'), false, true],
    ['already being deleted', volume('Released', true), false, false],
  ])('%s → %s', (_what, v, claimExists, expected) => {
    expect(volumeIsOrphaned(v, claimExists)).toBe(expected);
  });
});
