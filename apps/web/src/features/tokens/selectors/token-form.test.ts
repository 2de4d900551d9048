import { describe, expect, it } from 'vitest';
import { parseTokenForm, tokenScope } from './token-form';

describe('parseTokenForm', () => {
  it.each([
    [
      { name: ' ci ', role: 'viewer', namespaces: '' },
      { ok: true, input: { name: 'ci', role: 'viewer' } },
    ],
    [
      { name: 'deploy', role: 'operator', namespaces: 'team-a, team-b team-a' },
      { ok: true, input: { name: 'deploy', role: 'operator', namespaces: ['team-a', 'team-b'] } },
    ],
    [
      { name: '  ', role: 'viewer', namespaces: '' },
      { ok: false, error: 'Give the token a name (what uses it).' },
    ],
    [
      { name: 'x'.repeat(65), role: 'viewer', namespaces: '' },
      { ok: false, error: 'A name has at most 64 characters.' },
    ],
    [
      { name: 'ci', role: 'viewer', namespaces: 'Team_A' },
      { ok: false, error: '"Team_A" is not a namespace name.' },
    ],
    [
      { name: 'ci', role: 'viewer', namespaces: '-a' },
      { ok: false, error: '"-a" is not a namespace name.' },
    ],
    [
      { name: 'ci', role: 'viewer', namespaces: Array.from({ length: 51 }, (_, i) => `ns${i}`).join(',') },
      { ok: false, error: 'At most 50 namespaces.' },
    ],
  ] as const)('%j', (values, expected) => {
    expect(parseTokenForm(values)).toEqual(expected);
  });
});

describe('tokenScope', () => {
  it.each([
    [{ role: 'viewer' }, 'viewer everywhere you may'],
    [{ role: 'operator', namespaces: [] }, 'operator everywhere you may'],
    [{ role: 'operator', namespaces: ['team-a', 'team-b'] }, 'operator in team-a, team-b'],
  ])('%j → %s', (token, expected) => {
    expect(tokenScope(token)).toBe(expected);
  });
});
