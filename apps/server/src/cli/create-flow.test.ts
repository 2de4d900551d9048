import { describe, expect, it } from 'vitest';
import { validateName } from './create-flow.js';

const INVALID =
  "it should adhere to standard defined in RFC 1123, the name can only contain alphanumeric characters or '-'";

describe('validateName', () => {
  it.each([
    ['a'],
    ['0'],
    ['ab'],
    ['a-b'],
    ['flux-system'],
    ['1st'],
    ['a'.repeat(63)],
    [`a${'-'.repeat(61)}b`],
  ])('accepts the RFC 1123 label %j', (name) => {
    expect(validateName(name)).toBe(name);
  });

  it.each([['-'], ['-a'], ['a-'], ['A'], ['a_b'], ['a.b'], ['é'], ['a'.repeat(64)], [' a']])(
    'refuses %j in flux’s words',
    (name) => {
      expect(() => validateName(name)).toThrow(`name '${name}' is invalid, ${INVALID}`);
    },
  );

  it.each([[undefined], ['']])('requires a name (%j)', (name) => {
    expect(() => validateName(name)).toThrow('name is required');
  });
});
