import { describe, expect, it } from 'vitest';
import type { EventDto } from '../api/dto.js';
import {
  dispatchErrors,
  lastNotification,
  NOTIFICATION_LOG_PER_OBJECT,
  NotificationLog,
} from './notification-log.js';
import type { FluxResource } from './to-dto.js';

const provider = (status?: Record<string, unknown>, name = 'slack'): FluxResource =>
  ({
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    kind: 'Provider',
    metadata: { name, namespace: 'flux-system' },
    spec: { type: 'slack' },
    ...(status ? { status } : {}),
  }) as FluxResource;

const receiver = (status?: Record<string, unknown>): FluxResource =>
  ({
    apiVersion: 'notification.toolkit.fluxcd.io/v1',
    kind: 'Receiver',
    metadata: { name: 'github', namespace: 'flux-system' },
    spec: { type: 'github' },
    ...(status ? { status } : {}),
  }) as FluxResource;

const delivered = (time: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  lastDelivery: {
    time,
    result: 'Succeeded',
    event: 'Kustomization/flux-system/apps',
    alert: 'flux-system/on-call',
    ...extra,
  },
});

describe('lastNotification', () => {
  it.each([
    ['a Provider with no delivery yet', provider(), undefined],
    ['a Provider with a status but no delivery', provider({ conditions: [] }), undefined],
    ['another kind', { ...provider(delivered('t1')), kind: 'Alert' } as FluxResource, undefined],
    [
      'a successful delivery',
      provider(delivered('2026-01-01T00:00:00.000Z')),
      {
        kind: 'delivery',
        dto: {
          at: '2026-01-01T00:00:00.000Z',
          outcome: 'Succeeded',
          subject: 'Kustomization/flux-system/apps',
          alertId: 'Alert/flux-system/on-call',
        },
      },
    ],
    [
      'a failure quoting an address with credentials: they are redacted',
      provider(
        delivered('t2', {
          result: 'Failed',
          message: 'POST https://bot:s3cret@chat.example.com/hook giving up after 5 attempt(s)',
        }),
      ),
      {
        kind: 'delivery',
        dto: {
          at: 't2',
          outcome: 'Failed',
          subject: 'Kustomization/flux-system/apps',
          alertId: 'Alert/flux-system/on-call',
          message: 'POST https://***@chat.example.com/hook giving up after 5 attempt(s)',
        },
      },
    ],
    ['a Receiver with no call yet', receiver({ webhookPath: '/hook/abc' }), undefined],
    [
      'an accepted webhook call',
      receiver({ lastRequest: { time: 't3', status: 200, annotated: 2 } }),
      { kind: 'call', dto: { at: 't3', status: 200, accepted: true, annotated: 2 } },
    ],
    [
      'a refused webhook call',
      receiver({ lastRequest: { time: 't4', status: 401, annotated: 0 } }),
      { kind: 'call', dto: { at: 't4', status: 401, accepted: false, annotated: 0 } },
    ],
  ])('%s', (_name, obj, expected) => {
    expect(lastNotification(obj)).toEqual(expected);
  });
});

describe('NotificationLog', () => {
  it('keeps each new delivery once, newest first, and ignores other status writes', () => {
    const log = new NotificationLog();
    log.record(provider(delivered('t1')));
    log.record(provider({ ...delivered('t1'), conditions: [] }));
    log.record(provider(delivered('t2', { result: 'Failed', message: 'boom' })));
    const { deliveries, calls } = log.forObject('Provider/flux-system/slack');
    expect(deliveries.map((d) => [d.at, d.outcome])).toEqual([
      ['t2', 'Failed'],
      ['t1', 'Succeeded'],
    ]);
    expect(calls).toEqual([]);
  });

  it(`keeps at most ${NOTIFICATION_LOG_PER_OBJECT} per object and forgets a deleted one`, () => {
    const log = new NotificationLog();
    for (let i = 0; i < NOTIFICATION_LOG_PER_OBJECT + 5; i++)
      log.record(receiver({ lastRequest: { time: `t${i}`, status: 200, annotated: 1 } }));
    const { calls } = log.forObject('Receiver/flux-system/github');
    expect(calls).toHaveLength(NOTIFICATION_LOG_PER_OBJECT);
    expect(calls[0]?.at).toBe(`t${NOTIFICATION_LOG_PER_OBJECT + 4}`);
    log.drop('Receiver/flux-system/github');
    expect(log.forObject('Receiver/flux-system/github').calls).toEqual([]);
  });
});

const alert = (name: string, providerName: string, namespace = 'flux-system'): FluxResource =>
  ({
    apiVersion: 'notification.toolkit.fluxcd.io/v1beta3',
    kind: 'Alert',
    metadata: { name, namespace },
    spec: { providerRef: { name: providerName }, eventSources: [] },
  }) as FluxResource;

const event = (objectId: string, reason: string, at: string, message = 'm'): EventDto => ({
  uid: `${objectId}-${at}`,
  namespace: 'flux-system',
  type: 'Warning',
  reason,
  message,
  object: objectId,
  objectId,
  count: 1,
  lastTimestamp: at,
  source: 'notification-controller',
});

describe('dispatchErrors', () => {
  const events: Record<string, EventDto[]> = {
    'Alert/flux-system/on-call': [
      event('Alert/flux-system/on-call', 'NotificationDispatchFailed', 't1', 'POST https://u:p@x/ failed'),
      event('Alert/flux-system/on-call', 'InvalidConfig', 't2'),
    ],
    'Alert/flux-system/audit': [event('Alert/flux-system/audit', 'NotificationDispatchFailed', 't3')],
    'Alert/flux-system/other': [event('Alert/flux-system/other', 'NotificationDispatchFailed', 't4')],
    'Alert/team/on-call': [event('Alert/team/on-call', 'NotificationDispatchFailed', 't5')],
  };
  const alerts = [
    alert('on-call', 'slack'),
    alert('audit', 'slack'),
    alert('other', 'teams'),
    alert('on-call', 'slack', 'team'),
  ];

  it("keeps only failed sends from this Provider's Alerts in its namespace, newest first, redacted", () => {
    const found = dispatchErrors(provider(), alerts, (id) => events[id] ?? []);
    expect(found.map((e) => [e.objectId, e.lastTimestamp])).toEqual([
      ['Alert/flux-system/audit', 't3'],
      ['Alert/flux-system/on-call', 't1'],
    ]);
    expect(found[1]?.message).toBe('POST https://***@x/ failed');
  });

  it('finds nothing for a Provider no Alert routes to', () => {
    expect(dispatchErrors(provider(undefined, 'pager'), alerts, (id) => events[id] ?? [])).toEqual([]);
  });
});
