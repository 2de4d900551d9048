import { describe, expect, it } from 'vitest';
import { envsubst, EnvsubstParseError, mapLookup, VariableNotSetError } from './envsubst.js';
import { globMatch } from './glob.js';
import { parseTemplate } from './parse.js';

const lenient = (vars: Record<string, string>) => mapLookup(vars, false);
const strict = (vars: Record<string, string>) => mapLookup(vars, true);

// Cases from fluxcd/pkg envsubst/eval_test.go (TestExpand), which come from tldp.org.
describe('envsubst: expansion (fluxcd/pkg TestExpand)', () => {
  it.each<[Record<string, string>, string, string]>([
    [{}, 'abcdEFGH28ij', 'abcdEFGH28ij'],
    [{ var01: 'abcdEFGH28ij' }, '${#var01}', '12'],
    [{ var01: 'abcdEFGH28ij' }, '${var01^}', 'AbcdEFGH28ij'],
    [{ var01: 'abcdEFGH28ij' }, '${var01^^}', 'ABCDEFGH28IJ'],
    [{ var01: 'ABCDEFGH28IJ' }, '${var01,}', 'aBCDEFGH28IJ'],
    [{ var01: 'ABCDEFGH28IJ' }, '${var01,,}', 'abcdefgh28ij'],
    [{ path_name: '/home/bozo/ideas/thoughts.for.today' }, '${path_name:11}', 'ideas/thoughts.for.today'],
    [{ path_name: '/home/bozo/ideas/thoughts.for.today' }, '${path_name:11:5}', 'ideas'],
    [{ var: 'abc' }, '${var=xyz}', 'abc'],
    [{}, '${var=xyz}', 'xyz'],
    [{ default_var: 'foo' }, 'something ${var=${default_var}}', 'something foo'],
    [{ default_var: 'foo1' }, 'foo: ${var=${default_var}-suffix}', 'foo: foo1-suffix'],
    [{ default_var: 'foo1' }, 'foo: ${var=prefix${default_var}-suffix}', 'foo: prefixfoo1-suffix'],
    [{}, '${var:=xyz}', 'xyz'],
    [{ stringZ: 'abcABC123ABCabc' }, '${stringZ/%abc/XYZ}', 'abcABC123ABCXYZ'],
    [{ stringZ: 'abcABC123ABCabc' }, '${stringZ/#abc/XYZ}', 'XYZABC123ABCabc'],
    [{ stringZ: 'abcABC123ABCabc' }, '${stringZ//abc/xyz}', 'xyzABC123ABCxyz'],
    [{ stringZ: 'abcABC123ABCabc' }, '${stringZ/abc/xyz}', 'xyzABC123ABCabc'],
    [{ filename: 'bash.string.txt' }, '${filename#*.}', 'string.txt'],
    [{ filename: 'path/to/file' }, '${filename#*/}', 'to/file'],
    [{ filename: '/path/to/file' }, '${filename#*/}', 'path/to/file'],
    [{ filename: 'bash.string.txt' }, '${filename##*.}', 'txt'],
    [{ filename: 'path/to/file' }, '${filename##*/}', 'file'],
    [{ filename: '/path/to/file' }, '${filename##*/}', 'file'],
    [{ filename: 'bash.string.txt' }, '${filename%.*}', 'bash.string'],
    [{ filename: 'bash.string.txt' }, '${filename%%.*}', 'bash'],
    [{ var01: 'abcdEFGH28ij' }, '${var=${var01^^}}', 'ABCDEFGH28IJ'],
    [{ var01: 'abcdEFGH28ij' }, '$${var01}', '${var01}'],
    [
      { var01: 'abcdEFGH28ij' },
      'some text ${var01}$${var$${var01}$var01${var01}',
      'some text abcdEFGH28ij${var${var01}$var01abcdEFGH28ij',
    ],
    [{ default_var: 'foo' }, 'something $${var=${default_var}}', 'something ${var=foo}'],
    [{ stringZ: 'foo/bar' }, '${stringZ/\\//-}', 'foo-bar'],
    [{ stringZ: 'foo/bar/baz' }, '${stringZ//\\//-}', 'foo-bar-baz'],
    [{ default_var: 'foo' }, '\\\\something ${var=${default_var}}', '\\\\something foo'],
    [{ stringZ: 'foo.bar' }, '${stringZ/./}', 'foobar'],
  ])('%j: %s', (vars, input, output) => {
    expect(envsubst(input, lenient(vars))).toBe(output);
  });
});

describe('envsubst: more operators and edge cases', () => {
  it.each<[Record<string, string>, string, string]>([
    [{ v: 'x' }, 'bare $v and $ alone and $$v', 'bare $v and $ alone and $v'],
    [{}, '${v:-fallback}', 'fallback'],
    [{ v: '' }, '${v:-fallback}', 'fallback'],
    [{ v: 'set' }, '${v:-fallback}', 'set'],
    [{}, '${v:?message}', 'message'],
    [{}, '${v:+alt}', 'alt'],
    [{ v: '123456789123456789' }, '${v:-3:2}', '123456789123456789'],
    [{ v: '123456789123456789' }, '${v: -3:2}', '123456789123456789'],
    [{ v: '12345678' }, '${v:9:1}', ''],
    [{ v: '12345678' }, '${v:x}', '12345678'],
    [{ v: 'héllo' }, '${#v}', '6'],
    [{ v: 'héllo' }, '${v^}', 'Héllo'],
    [{ v: 'a.b.c' }, '${v%.*}', 'a.b'],
    [{ v: 'a.b.c' }, '${v%%.*}', 'a'],
    [{ v: 'release-1.2.3' }, '${v#release-}', '1.2.3'],
    [{ v: 'abc' }, '${v#[a-b]}', 'bc'],
    // Go classes negate with `^` only: `[!a]` is the set {!, a}.
    [{ v: 'abc' }, '${v#[!a]}', 'bc'],
    [{ v: 'abc' }, '${v#[^a]}', 'abc'],
    [{ v: 'abc' }, '${v#?}', 'bc'],
    [{ v: 'a/b' }, '${v/\\//\\\\}', 'a\\b'],
    [{ cluster: 'prod', region: 'eu' }, 'name: ${cluster}-${region:=us}', 'name: prod-eu'],
    [{}, 'http://github.com', 'http://github.com'],
    [{}, '}text', '}text'],
    [{}, '\\\\.\\pipe\\pipename', '\\\\.\\pipe\\pipename'],
  ])('%j: %s', (vars, input, output) => {
    expect(envsubst(input, lenient(vars))).toBe(output);
  });

  it('leaves a string with no expansion untouched, including multi-line YAML', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  price: $5\n';
    expect(envsubst(yaml, strict({}))).toBe(yaml);
  });
});

describe('envsubst: strict mode (fluxcd/pkg TestExpandStrict)', () => {
  it.each<[Record<string, string>, string, string]>([
    [{}, 'abcdEFGH28ij', 'abcdEFGH28ij'],
    [{ foo: 'bar' }, '${foo}', 'bar'],
    [{ foo: '' }, '${foo}', ''],
    [{ foo: 'bar' }, '${missing:=default}', 'default'],
    [{}, '${missing:-fallback}', 'fallback'],
    [{}, '${missing:=assigned}', 'assigned'],
    [{}, '${missing=assigned}', 'assigned'],
  ])('%j: %s', (vars, input, output) => {
    expect(envsubst(input, strict(vars))).toBe(output);
  });

  it.each([
    '${missing}',
    '${#missing}',
    '${missing^}',
    '${missing^^}',
    '${missing,}',
    '${missing,,}',
    '${missing:0}',
    '${missing:0:10}',
    '${missing/pattern/replacement}',
    '${missing//pattern/replacement}',
    '${missing/#pattern/replacement}',
    '${missing/%pattern/replacement}',
    '${missing#pattern}',
    '${missing##pattern}',
    '${missing%pattern}',
    '${missing%%pattern}',
    '${set:=${missing}}',
  ])('%s is an error', (input) => {
    expect(() => envsubst(input, strict({ set: 'x' }))).toThrow(new VariableNotSetError('missing'));
    expect(() => envsubst(input, strict({ set: 'x' }))).toThrow('variable not set (strict mode): "missing"');
  });

  it('is lenient when strict is off: unset variables are empty', () => {
    expect(envsubst('a${missing}b', lenient({}))).toBe('ab');
  });
});

describe('envsubst: syntax errors keep Go texts', () => {
  it.each<[string, string]>([
    ['${', 'unable to parse variable name'],
    ['${}', 'unable to parse variable name'],
    ['${var', 'missing closing brace'],
    ['${var-default}', 'missing closing brace'],
    ['${var+default}', 'missing closing brace'],
    ['${var:=default', 'unable to parse substitution within function'],
    ['${#}', 'bad substitution'],
    ['${var,x}', 'bad substitution'],
    ['${-}', 'unable to parse variable name'],
  ])('%s', (input, message) => {
    expect(() => envsubst(input, lenient({ var: 'v' }))).toThrow(new EnvsubstParseError(message));
  });
});

describe('envsubst: parse tree (fluxcd/pkg parse_test.go)', () => {
  it.each<[string, unknown]>([
    ['text', { type: 'text', value: 'text' }],
    ['$${string}', { type: 'text', value: '${string}' }],
    ['$$string', { type: 'text', value: '$string' }],
    ['${string}', { type: 'func', param: 'string', name: '', args: [] }],
    [
      '${string:position:length}',
      {
        type: 'func',
        param: 'string',
        name: ':',
        args: [
          { type: 'text', value: 'position' },
          { type: 'text', value: 'length' },
        ],
      },
    ],
    [
      '${string:?default}',
      { type: 'func', param: 'string', name: ':?', args: [{ type: 'text', value: 'default' }] },
    ],
    [
      '${string#$%:*{}',
      { type: 'func', param: 'string', name: '#', args: [{ type: 'text', value: '$%:*{' }] },
    ],
    [
      '${string/\\/position/length}',
      {
        type: 'func',
        param: 'string',
        name: '/',
        args: [
          { type: 'text', value: '/position' },
          { type: 'text', value: 'length' },
        ],
      },
    ],
    [
      '${string/position/\\/leng\\\\th}',
      {
        type: 'func',
        param: 'string',
        name: '/',
        args: [
          { type: 'text', value: 'position' },
          { type: 'text', value: '/leng\\th' },
        ],
      },
    ],
    ['${#string}', { type: 'func', param: 'string', name: '#', args: [] }],
  ])('%s', (input, tree) => {
    expect(parseTemplate(input)).toEqual(tree);
  });
});

describe('globMatch (fluxcd/pkg envsubst/path)', () => {
  it.each<[string, string, boolean]>([
    ['*.', 'bash.', true],
    ['*', 'a/b', true],
    ['a*', 'abc', true],
    ['a*c', 'abc', true],
    ['a*c', 'abd', false],
    ['a?c', 'abc', true],
    ['[a-c]x', 'bx', true],
    ['[^a-c]x', 'bx', false],
    ['\\*', '*', true],
    ['a*/b', 'abc/b', true],
  ])('%s ~ %s', (pattern, name, matched) => {
    expect(globMatch(pattern, name)).toBe(matched);
  });

  it('rejects bad patterns', () => {
    expect(() => globMatch('[', 'a')).toThrow('syntax error in pattern');
    expect(() => globMatch('[]', 'a')).toThrow('syntax error in pattern');
    // Like the fork, a dangling escape only fails when it is reached with input left.
    expect(globMatch('a\\', 'a')).toBe(false);
    expect(() => globMatch('a\\', 'ab')).toThrow('syntax error in pattern');
  });
});

describe('found by envsubst.property.test.ts', () => {
  it('reads the parser as Go does byte by byte: ${v:é} is a bad substitution', () => {
    // Go's scanner steps back by the width of the last rune it peeked (2 bytes for é).
    expect(() => envsubst('${a:é}', mapLookup({ a: 'abc' }, false))).toThrow('bad substitution');
    expect(envsubst('${a:1é}', mapLookup({ a: 'abc' }, false))).toBe('abc');
  });

  it('handles many tokens and escapes without a stack frame or a copy each', () => {
    expect(envsubst('${a}'.repeat(50_000), mapLookup({ a: 'x' }, false))).toHaveLength(50_000);
    expect(envsubst('$$'.repeat(100_000), mapLookup({}, false))).toHaveLength(100_000);
    expect(() => envsubst('${a:-'.repeat(300) + '}'.repeat(300), mapLookup({}, false))).toThrow(
      'expression nests too deeply',
    );
  });
});
