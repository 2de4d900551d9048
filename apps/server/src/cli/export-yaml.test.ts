import { describe, expect, it } from 'vitest';
import { exportYaml } from './export-yaml.js';

const body = (value: unknown) =>
  exportYaml({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, spec: { v: value } })
    .split('\n')
    .at(-2);

describe('exportYaml quotes strings as go-yaml v2 does', () => {
  it.each([
    ['plain', '  v: plain'],
    ['*', "  v: '*'"],
    ['>=1.0.0', "  v: '>=1.0.0'"],
    ['#34577c', "  v: '#34577c'"],
    ['9797', '  v: "9797"'],
    ['true', '  v: "true"'],
    ['null', '  v: "null"'],
    ['1.5', '  v: "1.5"'],
    ['yes', '  v: "yes"'],
    ['', '  v: ""'],
    [9797, '  v: 9797'],
    ["it's: x", `  v: "it's: x"`],
  ])('%j → %s', (value, line) => {
    expect(body(value)).toBe(line);
  });

  it('writes multi-line strings as literal blocks, lists not indented', () => {
    expect(
      exportYaml({ apiVersion: 'v1', kind: 'K', metadata: { name: 'x' }, spec: { a: 'x\ny\n', l: ['b'] } }),
    ).toBe('---\napiVersion: v1\nkind: K\nmetadata:\n  name: x\nspec:\n  a: |\n    x\n    y\n  l:\n  - b\n');
  });
});
