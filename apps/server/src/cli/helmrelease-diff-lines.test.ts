import type { HelmReleasePlan } from '@tideline/core';
import { describe, expect, it } from 'vitest';
import { helmReleaseDiffLines } from './helmrelease-diff-lines.js';

type Planned = HelmReleasePlan['objects'][number];
const obj = (subject: string, action: Planned['action'], patch: Partial<Planned> = {}): Planned => ({
  subject,
  action,
  changes: [],
  truncated: false,
  ...patch,
});
const plan = (patch: Partial<HelmReleasePlan>): HelmReleasePlan => ({
  revision: 'podinfo@6.2.1',
  valuesChanged: false,
  upgrade: [],
  objects: [],
  pruned: [],
  durationMs: 1,
  ...patch,
});
const replicas = { path: 'spec.replicas', type: 'changed' as const, before: '1', after: '2' };

describe('helmReleaseDiffLines', () => {
  it.each([
    ['in sync', plan({ upgrade: [obj('A/n/a', 'unchanged')], objects: [obj('A/n/a', 'unchanged')] }), [], []],
    [
      'an upgrade that changes, adds and deletes',
      plan({
        upgrade: [obj('D/n/d', 'configured', { changes: [replicas] }), obj('C/n/new', 'created')],
        pruned: ['S/n/old'],
      }),
      [
        '► D/n/d upgraded\n--- stored\n+++ rendered\n spec.replicas\n-  1\n+  2\n',
        '► C/n/new added to the release\n',
        '► S/n/old deleted\n',
      ],
      [],
    ],
    [
      'drift, a new object, a truncated list, an added field and a failure',
      plan({
        objects: [
          obj('D/n/d', 'configured', {
            changes: [{ path: 'metadata.labels.x', type: 'added', after: '"y"' }],
            truncated: true,
          }),
          obj('C/n/c', 'created'),
          obj('X/n/x', 'failed', { error: 'X/n/x dry-run failed: no' }),
        ],
      }),
      [
        '► D/n/d drifted\n--- live\n+++ merged\n metadata.labels.x\n+  "y"\n … more fields change than are listed\n',
        '► C/n/c created\n',
      ],
      ['X/n/x dry-run failed: no'],
    ],
  ])('%s', (_name, p, lines, errors) => {
    expect(helmReleaseDiffLines(p)).toEqual({ lines, errors });
  });
});
