import { describe, expect, it } from 'vitest';
import {
  decideLease,
  DEFAULT_LEASE_TIMING,
  microTime,
  recordKey,
  releasedRecord,
  type LeaseRecord,
} from './leader-election.js';

const T = DEFAULT_LEASE_TIMING;
const NOW = Date.parse('2026-12-07T12:00:00Z');
const held = (holder: string, transitions = 3): LeaseRecord => ({
  holderIdentity: holder,
  leaseDurationSeconds: 15,
  acquireTime: microTime(NOW - 60_000),
  renewTime: microTime(NOW - 1_000),
  leaseTransitions: transitions,
});

describe('decideLease (client-go tryAcquireOrRenew)', () => {
  it('creates the lease when there is none, holding it from now', () => {
    expect(decideLease(undefined, undefined, 'me', NOW, T)).toEqual({
      action: 'create',
      record: {
        holderIdentity: 'me',
        leaseDurationSeconds: 15,
        acquireTime: '2026-12-07T12:00:00.000000Z',
        renewTime: '2026-12-07T12:00:00.000000Z',
        leaseTransitions: 0,
      },
    });
  });

  it('renews its own lease, keeping the acquire time and transitions', () => {
    const decision = decideLease(held('me'), undefined, 'me', NOW, T);
    expect(decision).toEqual({ action: 'update', record: { ...held('me'), renewTime: microTime(NOW) } });
  });

  it("waits while another holder's record changed less than a lease duration ago (our clock)", () => {
    const record = held('other');
    const observed = { key: recordKey(record), atMs: NOW - 14_999 };
    expect(decideLease(record, observed, 'me', NOW, T)).toEqual({ action: 'wait', holder: 'other' });
  });

  it('ignores the holder clock: a renewTime far in the past still waits if we saw it change just now', () => {
    const record = { ...held('other'), renewTime: microTime(NOW - 3_600_000) };
    expect(decideLease(record, { key: recordKey(record), atMs: NOW }, 'me', NOW, T).action).toBe('wait');
    expect(decideLease(record, undefined, 'me', NOW, T).action).toBe('wait');
  });

  it('takes over a record unchanged for a lease duration, counting the transition', () => {
    const record = held('other', 3);
    const observed = { key: recordKey(record), atMs: NOW - 15_000 };
    expect(decideLease(record, observed, 'me', NOW, T)).toEqual({
      action: 'update',
      record: {
        holderIdentity: 'me',
        leaseDurationSeconds: 15,
        acquireTime: microTime(NOW),
        renewTime: microTime(NOW),
        leaseTransitions: 4,
      },
    });
  });

  it('takes a released lease at once', () => {
    const record = releasedRecord(held('other', 5), NOW - 10);
    expect(record.holderIdentity).toBe('');
    const decision = decideLease(record, { key: recordKey(record), atMs: NOW }, 'me', NOW, T);
    expect(decision.action).toBe('update');
    expect(decision.action === 'update' && decision.record.leaseTransitions).toBe(6);
  });

  it('honours the duration the holder wrote', () => {
    const record = { ...held('other'), leaseDurationSeconds: 60 };
    const observed = { key: recordKey(record), atMs: NOW - 30_000 };
    expect(decideLease(record, observed, 'me', NOW, T).action).toBe('wait');
  });
});
