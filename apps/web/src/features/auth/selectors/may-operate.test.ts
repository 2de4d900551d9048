import type { MeDto } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { mayOperate } from './may-operate';

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
