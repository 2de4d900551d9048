import { describe, expect, it } from 'vitest';
import { crossNamespaceDenial, matchAlert, type AlertView } from './alert-matching.js';
import { defaultCommitStatus, commitStatusFromExpression } from './commit-status.js';
import { eventJson, goTimeString, type FluxEvent } from './event.js';
import { goMarshal } from './go-json.js';
import { maskToken } from './mask-token.js';
import { compileGoRegexp } from '../regex/index.js';
import { PatternCache } from './message-patterns.js';
import { cleanupMetadata, combineEventMetadata, eventKey, excludeInternalMetadata } from './metadata.js';
import { routeToProvider } from './provider-routing.js';
import { EventRateLimiter } from './rate-limit.js';

const event = (over: Partial<FluxEvent> = {}, metadata: Record<string, string> = {}): FluxEvent => ({
  involvedObject: {
    kind: 'Kustomization',
    namespace: 'apps',
    name: 'web',
    uid: 'u-1',
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
  },
  severity: 'info',
  timestamp: '2026-05-01T07:26:19Z',
  message: 'Service/apps/web created',
  reason: 'Progressing',
  metadata,
  reportingController: 'kustomize-controller',
  ...over,
});
const K = 'kustomize.toolkit.fluxcd.io';
const cache = new PatternCache(compileGoRegexp);
const alert = (spec: Partial<AlertView['spec']>, namespace = 'apps'): AlertView => ({
  metadata: { name: 'a', namespace },
  spec: { providerRef: { name: 'p' }, eventSources: [{ kind: 'Kustomization', name: '*' }], ...spec },
});

describe('metadata steps', () => {
  it('keeps event and object group keys, drops checksum and digest (any case) and foreign groups', () => {
    const cleaned = cleanupMetadata(
      event(
        {},
        {
          [`${K}/revision`]: 'r',
          [`${K}/Digest`]: 'd',
          [`${K}/checksum`]: 'c',
          'event.toolkit.fluxcd.io/team': 't',
          'source.toolkit.fluxcd.io/revision': 'other',
        },
      ),
    );
    expect(cleaned.metadata).toEqual({ [`${K}/revision`]: 'r', 'event.toolkit.fluxcd.io/team': 't' });
  });

  it.each([
    [{}, 'event/name=web/namespace=apps/kind=Kustomization/message=m'],
    [
      { [`${K}/revision`]: 'r1', [`${K}/token`]: 't', [`${K}/originRevision`]: 'o' },
      'event/name=web/namespace=apps/kind=Kustomization/message=m/originRevision=o/revision=r1/token=t',
    ],
  ])('dedup key over %j is sha256 of Flux key %s', async (metadata, key) => {
    const { createHash } = await import('node:crypto');
    expect(eventKey(event({ message: 'm' }, metadata))).toBe(createHash('sha256').update(key).digest('hex'));
  });

  it('drops the token before dispatch', () => {
    expect(
      excludeInternalMetadata(event({}, { [`${K}/token`]: 't', [`${K}/revision`]: 'r' })).metadata,
    ).toEqual({ [`${K}/revision`]: 'r' });
  });

  it('combines metadata lowest to highest: annotations, eventMetadata, summary, controller keys; conflicts listed', () => {
    const combined = combineEventMetadata(
      event(
        {},
        {
          'event.toolkit.fluxcd.io/env': 'ann',
          'event.toolkit.fluxcd.io/summary': 'ann-sum',
          [`${K}/revision`]: 'r',
          [`${K}/env`]: 'ctl',
        },
      ),
      { eventMetadata: { env: 'alert', cluster: 'prod' }, summary: 'sum' },
    );
    expect(combined.event.metadata).toEqual({ env: 'ctl', summary: 'sum', cluster: 'prod', revision: 'r' });
    expect(combined.conflicts).toEqual({
      env: 'involved object annotations, Alert object .spec.eventMetadata, involved object controller metadata',
      summary: 'involved object annotations, Alert object .spec.summary',
    });
  });
});

describe('rate limiting (memorystore, 1 token per interval tick)', () => {
  it('lets the first pass, drops repeats within the tick, refills on the next tick', () => {
    const limiter = new EventRateLimiter(300_000);
    expect([0, 1000, 299_999, 300_000, 300_001, 650_000].map((t) => limiter.take('k', t))).toEqual([
      true,
      false,
      false,
      true,
      false,
      true,
    ]);
    expect(limiter.take('other', 1)).toBe(true);
  });
  it('bounds its memory', () => {
    const limiter = new EventRateLimiter(1000, 3);
    for (const k of ['a', 'b', 'c', 'd']) limiter.take(k, 0);
    expect(limiter.size).toBe(3);
  });
});

describe('alert matching', () => {
  it.each([
    ['wildcard in the alert namespace', alert({}), event(), true],
    ['other namespace', alert({}, 'flux-system'), event(), false],
    [
      'explicit namespace',
      alert({ eventSources: [{ kind: 'Kustomization', name: 'web', namespace: 'apps' }] }, 'x'),
      event(),
      true,
    ],
    ['other kind', alert({ eventSources: [{ kind: 'HelmRelease', name: '*' }] }), event(), false],
    ['other name', alert({ eventSources: [{ kind: 'Kustomization', name: 'api' }] }), event(), false],
    ['severity error filters info', alert({ eventSeverity: 'error' }), event(), false],
    ['severity error takes error', alert({ eventSeverity: 'error' }), event({ severity: 'error' }), true],
    ['severity info takes error', alert({ eventSeverity: 'info' }), event({ severity: 'error' }), true],
    ['suspended', alert({ suspend: true }), event(), false],
    ['inclusion matches', alert({ inclusionList: ['^Service/'] }), event(), true],
    ['inclusion misses', alert({ inclusionList: ['^Deployment/'] }), event(), false],
    [
      'exclusion beats inclusion',
      alert({ inclusionList: ['.*'], exclusionList: ['created$'] }),
      event(),
      false,
    ],
  ])('%s', (_name, a, e, matched) => {
    expect(matchAlert(a, e, undefined, cache).matched).toBe(matched);
  });

  it('matches labels on the live object and reports a fetch failure and a bad regex', () => {
    const a = alert({
      eventSources: [{ kind: 'Kustomization', name: '*', matchLabels: { team: 'web' } }],
      exclusionList: ['(['],
    });
    expect(matchAlert(a, event(), { team: 'web' }, cache)).toEqual({
      matched: true,
      warnings: [{ reason: 'InvalidConfig', message: 'failed to compile exclusion regex: ([' }],
    });
    expect(matchAlert(a, event(), { team: 'api' }, cache).matched).toBe(false);
    expect(matchAlert(a, event(), null, cache).warnings[0]).toEqual({
      reason: 'SourceFetchFailed',
      message: 'error getting source object Kustomization/apps/web',
    });
  });
});

describe('--no-cross-namespace-refs', () => {
  it("discards another namespace's events with notification-controller's message, only when set", () => {
    expect(crossNamespaceDenial(alert({}, 'team-a'), event(), true)).toBe(
      "discarding event, access denied to cross-namespace sources: alert 'team-a/a' can't process event from 'Kustomization/apps/web', cross-namespace references have been blocked",
    );
    expect(crossNamespaceDenial(alert({}, 'apps'), event(), true)).toBeUndefined();
    expect(crossNamespaceDenial(alert({}, 'team-a'), event(), false)).toBeUndefined();
  });
});

describe('provider routing', () => {
  const update = event({ reason: 'ReconciliationSucceeded' }, { [`${K}/commit_status`]: 'update' });
  it.each([
    ['slack', update, 'commit-status-update'],
    ['generic', update, undefined],
    ['github', update, undefined],
    ['github', event(), 'no-commit'],
    ['github', event({ severity: 'error' }), undefined],
    ['gitlab', event({}, { 'event.toolkit.fluxcd.io/commit': 'abc' }), undefined],
    ['githubpullrequestcomment', event(), 'no-change-request'],
    ['slack', event(), undefined],
  ])('%s gets %j: %s', (type, e, skip) => {
    expect(routeToProvider({ type }, e)).toBe(skip);
  });
  it('skips a suspended provider', () =>
    expect(routeToProvider({ type: 'slack', suspend: true }, event())).toBe('suspended'));
});

describe('event payload and helpers', () => {
  it('marshals the event as Go does: field order, omitted empties, sorted metadata, HTML escaping', () => {
    const json = eventJson(event({ message: 'a<b>&c', reportingInstance: '' }, { z: '1', a: '2' }));
    expect(json).toBe(
      '{"involvedObject":{"kind":"Kustomization","namespace":"apps","name":"web","uid":"u-1","apiVersion":"kustomize.toolkit.fluxcd.io/v1"},"severity":"info","timestamp":"2026-05-01T07:26:19Z","message":"a\\u003cb\\u003e\\u0026c","reason":"Progressing","metadata":{"a":"2","z":"1"},"reportingController":"kustomize-controller"}',
    );
    expect(goMarshal({ s: '\u2028' })).toBe('{"s":"\\u2028"}');
  });
  it('prints Go time.String()', () => {
    expect(goTimeString(new Date('2026-05-01T07:26:19.120Z'))).toBe('2026-05-01 07:26:19.12 +0000 UTC');
  });
  it('masks tokens and builds commit status ids', () => {
    expect(maskToken('bot123/x bot123', 'bot123')).toBe('*****/x *****');
    expect(defaultCommitStatus('0c9c2e41-d2f9-4f9b-9c41-8e5b2c7e6a5d', event())).toBe(
      'kustomization/web/0c9c2e41',
    );
    expect(
      commitStatusFromExpression('event.involvedObject.kind + "/" + provider.metadata.name', {
        event: event(),
        alert: {},
        provider: { metadata: { name: 'gh' } },
      }),
    ).toBe('Kustomization/gh');
    expect(() => commitStatusFromExpression('1 +', { event: event(), alert: {}, provider: {} })).toThrow(
      /spec.commitStatusExpr/,
    );
  });
});
