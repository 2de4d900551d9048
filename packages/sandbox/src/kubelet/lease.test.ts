import { describe, expect, it } from 'vitest';
import { nodeLease } from './lease.js';

describe('nodeLease', () => {
  const now = new Date('2024-03-01T12:00:00.123Z');
  it('is held by the node, owned by it, and renewed now', () => {
    const lease = nodeLease('n-0', 'uid-1', now);
    expect(lease.metadata).toMatchObject({ name: 'n-0', namespace: 'kube-node-lease' });
    expect(lease.metadata?.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Node', name: 'n-0', uid: 'uid-1' },
    ]);
    expect(lease.spec?.holderIdentity).toBe('n-0');
    expect(lease.spec?.leaseDurationSeconds).toBe(40);
  });
  it('serialises renewTime with the six fractional digits MicroTime requires', () => {
    const json = JSON.parse(JSON.stringify(nodeLease('n-0', undefined, now))) as {
      spec: { renewTime: string };
    };
    expect(json.spec.renewTime).toBe('2024-03-01T12:00:00.123000Z');
  });
  it('has no owner when the node uid is unknown', () => {
    expect(nodeLease('n-0', undefined, now).metadata?.ownerReferences).toBeUndefined();
  });
});
