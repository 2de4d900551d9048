import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import {
  gvkString,
  mergeVariables,
  substituteDocument,
  type LoadedVariables,
  type ManifestDoc,
} from './post-build.js';

const doc = (text: string): ManifestDoc => ({ text, object: parse(text) as ManifestDoc['object'] });
const cm = (data: string, metadata = ''): ManifestDoc =>
  doc(
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: apps\n${metadata}data:\n${data}`,
  );
const vars = (v: Record<string, string>): LoadedVariables => ({ vars: v });
const STRICT = { strict: true, always: false };

describe('substituteDocument', () => {
  it.each<[string, string, Record<string, string>, Record<string, unknown>]>([
    ['plain variable', '  region: ${region}\n', { region: 'eu-west-1' }, { region: 'eu-west-1' }],
    ['default used', '  size: ${size:=small}\n', { region: 'x' }, { size: 'small' }],
    ['default not used', '  size: ${size:=small}\n', { size: 'large' }, { size: 'large' }],
    ['escape $${var}', '  literal: $${region}\n', { region: 'eu' }, { literal: '${region}' }],
    ['bare $var is left alone', '  literal: $region\n', { region: 'eu' }, { literal: '$region' }],
    [
      'operators',
      '  up: ${env^^}\n  short: "${sha:0:7}"\n',
      { env: 'prod', sha: '0123456789abcdef' },
      { up: 'PROD', short: '0123456' },
    ],
    ['YAML 1.1 octal, as sigs.k8s.io/yaml reads it', '  mode: ${m}\n', { m: '0644' }, { mode: 420 }],
    ['YAML 1.1 booleans from unquoted values', '  enabled: ${flag}\n', { flag: 'on' }, { enabled: true }],
    ['quoted values stay strings', '  enabled: "${flag}"\n', { flag: 'on' }, { enabled: 'on' }],
    ['numbers', '  replicas: ${n}\n', { n: '3' }, { replicas: 3 }],
    // Found by go-yaml.property.test.ts: the yaml package's YAML 1.1 made these 90, a Date and null.
    ['go-yaml has no base-60 numbers', '  at: ${t}\n', { t: '1:30' }, { at: '1:30' }],
    ['go-yaml keeps dates as text', '  day: ${d}\n', { d: '2001-12-14' }, { day: '2001-12-14' }],
    ['go-yaml keeps an out-of-range float as text', '  big: ${f}\n', { f: '1.5e400' }, { big: '1.5e400' }],
    ['go-yaml reads 0o17 as Go does', '  mode: ${m}\n', { m: '0o17' }, { mode: 15 }],
  ])('%s', (_name, data, v, expected) => {
    const out = substituteDocument(cm(data), vars(v), STRICT);
    expect((out.object as { data: unknown }).data).toEqual(expected);
  });

  it('leaves the document untouched when no variable resolved (WithVariables)', () => {
    const input = cm('  region: ${region}\n');
    expect(substituteDocument(input, vars({}), STRICT)).toBe(input);
  });

  it('substitutes anyway with strategy Always, so defaults apply and strict mode bites', () => {
    expect(
      (
        substituteDocument(cm('  size: ${size:=small}\n'), vars({}), { strict: true, always: true })
          .object as { data: unknown }
      ).data,
    ).toEqual({ size: 'small' });
    expect(() =>
      substituteDocument(cm('  region: ${region}\n'), vars({}), { strict: true, always: true }),
    ).toThrow('envsubst error: variable substitution failed: variable not set (strict mode): "region"');
  });

  it('reports an undefined variable in strict mode, and empties it otherwise', () => {
    expect(() => substituteDocument(cm('  region: ${region}\n'), vars({ other: 'x' }), STRICT)).toThrow(
      'envsubst error: variable substitution failed: variable not set (strict mode): "region"',
    );
    const lenient = substituteDocument(cm('  region: "${region}"\n'), vars({ other: 'x' }), {
      strict: false,
      always: false,
    });
    expect((lenient.object as { data: unknown }).data).toEqual({ region: '' });
  });

  it('validates every variable name, used or not', () => {
    expect(() => substituteDocument(cm('  a: b\n'), vars({ ok: '1', 'bad-name': '2' }), STRICT)).toThrow(
      "envsubst error: 'bad-name' var name is invalid, must match '^[_[:alpha:]][_[:alpha:][:digit:]]*$'",
    );
    expect(() => substituteDocument(cm('  a: b\n'), vars({ '1abc': '2' }), STRICT)).toThrow(
      "'1abc' var name is invalid",
    );
    expect(substituteDocument(cm('  a: ${_x1}\n'), vars({ _x1: 'ok' }), STRICT).object).toMatchObject({
      data: { a: 'ok' },
    });
  });

  it.each<[string, string]>([
    ['label', '  labels:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\n'],
    ['annotation', '  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: disabled\n'],
  ])('skips a resource opted out by %s', (_name, metadata) => {
    const input = cm('  region: ${region}\n', metadata);
    expect(substituteDocument(input, vars({ other: 'x' }), STRICT)).toBe(input);
    expect(substituteDocument(input, { error: 'unreachable' }, STRICT)).toBe(input);
  });

  it('opts out only on the exact lowercase value', () => {
    const input = cm(
      '  region: ${region}\n',
      '  annotations:\n    kustomize.toolkit.fluxcd.io/substitute: Disabled\n',
    );
    expect(() => substituteDocument(input, vars({ other: 'x' }), STRICT)).toThrow('variable not set');
  });

  it('surfaces variable-loading errors for resources that need them', () => {
    expect(() =>
      substituteDocument(
        cm('  a: b\n'),
        { error: 'substitute from \'ConfigMap/vars\' error: configmaps "vars" not found' },
        STRICT,
      ),
    ).toThrow('substitute from \'ConfigMap/vars\' error: configmaps "vars" not found');
  });

  it('fails when the substituted text is no longer valid YAML, naming the line but never quoting it', () => {
    const attempt = (): unknown =>
      substituteDocument(cm('  a: ${v}\n'), vars({ v: 'pl4nted: s3cret-value' }), STRICT);
    expect(attempt).toThrow(
      /^envsubst error: YAMLToJSON: yaml: line \d+: Nested mappings are not allowed in compact mappings$/,
    );
    expect(attempt).not.toThrow(/s3cret-value/);
  });

  it('reports syntax errors', () => {
    expect(() => substituteDocument(cm('  a: ${v\n'), vars({ v: 'x' }), STRICT)).toThrow(
      'envsubst error: variable substitution failed: missing closing brace',
    );
  });
});

describe('mergeVariables', () => {
  it('lets later sources win and strips newlines', () => {
    expect(mergeVariables({ a: '1', b: 'line1\nline2\n' }, undefined, { a: '2' })).toEqual({
      a: '2',
      b: 'line1line2',
    });
  });
});

describe('gvkString', () => {
  it.each([
    ['v1', 'ConfigMap', '~G_v1_ConfigMap'],
    ['apps/v1', 'Deployment', 'apps_v1_Deployment'],
    ['', '', '~G_~V_~K'],
  ])('%s %s', (apiVersion, kind, expected) => {
    expect(gvkString(apiVersion, kind)).toBe(expected);
  });
});
