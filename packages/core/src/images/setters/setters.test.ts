import { describe, expect, it } from 'vitest';
import { markerSetter } from './marker.js';
import { isYaml11NonString, scalarText } from './scalar-text.js';
import { setterValues } from './setter-values.js';
import { updateDocumentText } from './update-document.js';

describe('markers (kyaml FieldMeta shorthand)', () => {
  it.each([
    [' {"$imagepolicy": "ns:p"}', 'ns:p'],
    ['{"$imagepolicy":"ns:p:tag"}', 'ns:p:tag'],
    ['## {"$imagepolicy": "ns:p:digest", "note": "x"}', 'ns:p:digest'],
    [' {"$imagepolicy": "ns:p"} trailing words', undefined],
    [' {"$imagepolicy": "ns:p", "n": 1}', undefined],
    [' {"$imagepolicy": ""}', undefined],
    [' {"$openapi": "x"}', undefined],
    [' just a comment', undefined],
    [undefined, undefined],
  ])('%j → %s', (comment, setter) => {
    expect(markerSetter(comment)).toBe(setter);
  });
});

describe('setter values', () => {
  it('gives each policy four setters', () => {
    const values = setterValues([
      {
        namespace: 'flux-system',
        name: 'app',
        latestRef: { name: 'reg/app', tag: 'v2', digest: 'sha256:d' },
      },
    ]);
    expect(Object.fromEntries(values)).toEqual({
      'flux-system:app': 'reg/app:v2@sha256:d',
      'flux-system:app:tag': 'v2',
      'flux-system:app:name': 'reg/app',
      'flux-system:app:digest': 'sha256:d',
    });
  });
});

describe('scalar text', () => {
  it.each([
    ['reg/app:v1.0.1', 'PLAIN', 'reg/app:v1.0.1'],
    ['reg/app:v1@sha256:ab', 'PLAIN', 'reg/app:v1@sha256:ab'],
    ['1.10', 'PLAIN', '"1.10"'],
    ['20', 'PLAIN', '"20"'],
    ['yes', 'PLAIN', '"yes"'],
    ['', 'PLAIN', '""'],
    ['-x', 'PLAIN', '"-x"'],
    ['a: b', 'PLAIN', '"a: b"'],
    ["it's", 'QUOTE_SINGLE', "'it''s'"],
    ['v"2', 'QUOTE_DOUBLE', '"v\\"2"'],
  ] as const)('%j in %s → %s', (value, style, text) => {
    expect(scalarText(value, style)).toBe(text);
  });

  it('knows YAML 1.1 non-strings', () => {
    for (const v of ['1', '0x1f', '0777', '1_000', '1.5', '.5', '190:20:30', 'on', 'NO', '~', '.inf'])
      expect(isYaml11NonString(v), v).toBe(true);
    for (const v of ['v1', '1.2.3', 'latest', 'sha256:abc', 'reg/app:1'])
      expect(isYaml11NonString(v), v).toBe(false);
  });
});

describe('updateDocumentText', () => {
  const setters = new Map([['ns:p', 'reg/app:v2']]);
  it('edits flow sequences item by item and keeps anchors', () => {
    const text =
      'apiVersion: v1\nkind: X\nmetadata: {name: a}\nlist: [a, &x old # {"$imagepolicy": "ns:p"}\n  ]\n';
    const update = updateDocumentText(text, setters);
    expect(update.ok && update.text).toBe(
      'apiVersion: v1\nkind: X\nmetadata: {name: a}\nlist: [a, &x reg/app:v2 # {"$imagepolicy": "ns:p"}\n  ]\n',
    );
  });

  it('reports a file that does not parse', () => {
    expect(updateDocumentText('a: [b\n', setters)).toMatchObject({ ok: false });
  });

  it('leaves block scalars alone', () => {
    const text = 'a: | # {"$imagepolicy": "ns:p"}\n  old\n';
    expect(updateDocumentText(text, setters)).toEqual({ ok: true, text, changes: [] });
  });
});
