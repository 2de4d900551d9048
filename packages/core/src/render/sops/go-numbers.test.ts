import { describe, expect, it } from 'vitest';
import {
  formatFloatF,
  formatFloatG,
  formatFloatJson,
  parseGoBool,
  parseGoFloat,
  parseGoInt,
} from './go-numbers.js';

describe('Go float spellings', () => {
  it.each([
    [1234.56789, '1234.56789', '1234.56789', '1234.56789'],
    [0.1, '0.1', '0.1', '0.1'],
    [5, '5', '5', '5'],
    [1e21, '1000000000000000000000', '1E+21', '1e+21'],
    [1234567, '1234567', '1.234567E+06', '1234567'],
    [0.0000001, '0.0000001', '1E-07', '1e-7'],
    [0.0001, '0.0001', '0.0001', '0.0001'],
    [-2.5, '-2.5', '-2.5', '-2.5'],
    [123456, '123456', '123456', '123456'],
    [1.5e300, `15${'0'.repeat(299)}`, '1.5E+300', '1.5e+300'],
  ])('%s → f %s, G %s, json %s', (v, f, g, json) => {
    expect(formatFloatF(v)).toBe(f);
    expect(formatFloatG(v)).toBe(g);
    expect(formatFloatJson(v)).toBe(json);
  });

  it('spells the specials as Go does', () => {
    expect([NaN, Infinity, -Infinity, -0].map(formatFloatF)).toEqual(['NaN', '+Inf', '-Inf', '-0']);
    expect(() => formatFloatJson(NaN)).toThrow('json: unsupported value: NaN');
  });
});

describe('Go parsers', () => {
  it.each([
    ['42', 42n],
    ['+7', 7n],
    ['-0', 0n],
    ['007', 7n],
    ['9223372036854775807', 9223372036854775807n],
    ['9223372036854775808', undefined],
    ['1.0', undefined],
    ['', undefined],
    [' 1', undefined],
  ])('Atoi(%j) = %s', (text, expected) => {
    expect(parseGoInt(text)).toBe(expected);
  });

  it.each([
    ['1.5', 1.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['5.', 5],
    ['-Inf', -Infinity],
    ['x', undefined],
    ['1_0', undefined],
  ])('ParseFloat(%j) = %s', (text, expected) => {
    expect(parseGoFloat(text)).toBe(expected);
  });

  it('ParseBool accepts exactly Go spellings', () => {
    expect(['1', 't', 'TRUE', 'True'].map(parseGoBool)).toEqual([true, true, true, true]);
    expect(['0', 'F', 'false'].map(parseGoBool)).toEqual([false, false, false]);
    expect(['yes', 'on', 'tRue'].map(parseGoBool)).toEqual([undefined, undefined, undefined]);
  });
});
