import type { MeDto } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { mayOperate, mayOperateSomewhere, operableObjects } from './may-operate';

const me = (everywhere: MeDto['everywhere'], namespaces: MeDto['namespaces'] = []): MeDto => ({
  subject: 'x',
  via: 'session',
  everywhere,
  namespaces,
});

describe('mayOperate', () => {
  it.each([
    ['not known yet', undefined, 'team-a', false],
    ['the break-glass admin', me('admin'), 'any', true],
    ['a viewer everywhere', me('viewer'), 'team-a', false],
    ['an operator in team-a, there', me(null, [{ namespace: 'team-a', role: 'operator' }]), 'team-a', true],
    [
      'an operator in team-a, elsewhere',
      me(null, [{ namespace: 'team-a', role: 'operator' }]),
      'team-b',
      false,
    ],
    [
      'a viewer everywhere, operator in team-a',
      me('viewer', [{ namespace: 'team-a', role: 'operator' }]),
      'team-a',
      true,
    ],
  ] as const)('%s → %s', (_what, who, namespace, expected) => {
    expect(mayOperate(who, namespace)).toBe(expected);
  });
});

describe('mayOperateSomewhere', () => {
  it.each([
    ['not known yet', undefined, false],
    ['the break-glass admin', me('admin'), true],
    ['an operator everywhere', me('operator'), true],
    ['a viewer everywhere', me('viewer'), false],
    ['a viewer in team-a only', me(null, [{ namespace: 'team-a', role: 'viewer' }]), false],
    [
      'a viewer everywhere, operator in team-a',
      me('viewer', [{ namespace: 'team-a', role: 'operator' }]),
      true,
    ],
    ['an admin in team-b only', me(null, [{ namespace: 'team-b', role: 'admin' }]), true],
  ] as const)('%s → %s', (_what, who, expected) => {
    expect(mayOperateSomewhere(who)).toBe(expected);
  });
});

describe('operableObjects', () => {
  const objects = [
    { id: '1', namespace: 'team-a' },
    { id: '2', namespace: 'team-b' },
    { id: '3', namespace: 'team-a' },
  ];
  it.each([
    ['not known yet', undefined, []],
    ['a viewer everywhere', me('viewer'), []],
    ['an operator in team-a', me('viewer', [{ namespace: 'team-a', role: 'operator' }]), ['1', '3']],
    ['an admin everywhere', me('admin'), ['1', '2', '3']],
  ] as const)('%s → %j', (_what, who, ids) => {
    expect(operableObjects(who, objects).map((o) => o.id)).toEqual(ids);
  });
});
