import { describe, expect, it } from 'vitest';
import { formatLogLine, levelEnabled, type LogRecord } from './log-line.js';

const ts = new Date('2026-03-01T10:03:54.127Z');
const scope = {
  controller: 'kustomization',
  controllerGroup: 'kustomize.toolkit.fluxcd.io',
  controllerKind: 'Kustomization',
  name: 'apps',
  namespace: 'flux-system',
  reconcileID: '7d1f7a1e-0000-4000-8000-000000000000',
};

describe('formatLogLine', () => {
  it.each<[string, LogRecord, string]>([
    [
      "Flux's JSON keys in Flux's order",
      { level: 'error', ts, msg: 'Reconciler error', fields: { ...scope, error: 'boom' } },
      '{"level":"error","ts":"2026-03-01T10:03:54.127Z","msg":"Reconciler error","controller":"kustomization","controllerGroup":"kustomize.toolkit.fluxcd.io","controllerKind":"Kustomization","name":"apps","namespace":"flux-system","reconcileID":"7d1f7a1e-0000-4000-8000-000000000000","error":"boom"}',
    ],
    [
      'no fields',
      { level: 'info', ts, msg: 'engine started' },
      '{"level":"info","ts":"2026-03-01T10:03:54.127Z","msg":"engine started"}',
    ],
    [
      'URL credentials redacted in the message and in fields',
      {
        level: 'error',
        ts,
        msg: 'clone https://bot:s3cret@git.example/r failed',
        fields: { error: 'GET https://u:p@h/x: 401', nested: { url: 'https://a:b@c' } },
      },
      '{"level":"error","ts":"2026-03-01T10:03:54.127Z","msg":"clone https://***@git.example/r failed","error":"GET https://***@h/x: 401","nested":{"url":"https://***@c"}}',
    ],
    [
      'credential-named fields masked, undefined dropped, reserved keys never overwritten',
      {
        level: 'info',
        ts,
        msg: 'm',
        fields: {
          password: 'hunter2',
          bearer_token: 'x',
          Authorization: 'Bearer y',
          gone: undefined,
          msg: 'spoof',
        },
      },
      '{"level":"info","ts":"2026-03-01T10:03:54.127Z","msg":"m","password":"***","bearer_token":"***","Authorization":"***"}',
    ],
  ])('json: %s', (_name, record, want) => expect(formatLogLine(record, 'json')).toBe(want));

  it.each<[LogRecord, string]>([
    [
      { level: 'info', ts, msg: 'engine active: reconciling as the leader' },
      '2026-03-01T10:03:54.127Z\tINFO\tengine active: reconciling as the leader',
    ],
    [
      { level: 'error', ts, msg: 'Reconciler error', fields: { name: 'apps', error: 'https://t:x@h' } },
      '2026-03-01T10:03:54.127Z\tERROR\tReconciler error\t{"name":"apps","error":"https://***@h"}',
    ],
  ])('console: %j', (record, want) => expect(formatLogLine(record, 'console')).toBe(want));
});

describe('levelEnabled', () => {
  it.each([
    ['trace', 'trace', true],
    ['debug', 'info', false],
    ['info', 'info', true],
    ['error', 'info', true],
    ['info', 'error', false],
    ['trace', 'debug', false],
  ] as const)('%s at threshold %s: %s', (level, threshold, want) =>
    expect(levelEnabled(level, threshold)).toBe(want),
  );
});
