import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parseDocument } from 'yaml';
import { fuzzParameters } from '../../testing/fuzz.js';
import { scalarText, type ScalarStyle } from './scalar-text.js';
import { updateDocumentText } from './update-document.js';

// Values a policy can hand a setter: registry tags and image names (anything a registry sends),
// with the characters YAML treats specially and words YAML 1.1 reads as non-strings.
const value = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom(
    'v1.2.3',
    'yes',
    'off',
    '1_000',
    '0x1F',
    '1:30',
    '.5',
    '~',
    '',
    '-',
    '? x',
    '- a',
    'a: b',
    'a #b',
    '#',
    "it's",
    'a\nb',
    ' lead',
    'trail ',
    '\t',
    'x\r',
    '\u0085',
    '\u2028',
    '\ufeff',
    '@x',
    '`x',
    '%x',
    '*a',
    '&a',
    '!t',
    '|',
    '>',
    '[a]',
    '{a}',
    'a,b',
  ),
);
const style = fc.constantFrom<ScalarStyle>('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE');
const MARKER = '# {"$imagepolicy": "ns:p"}';

/** The string a document's `key` holds, read as YAML 1.1 (as kyaml's non-string check reads it). */
function readBack(text: string, path: (string | number)[]): unknown {
  const doc = parseDocument(text, { version: '1.1' });
  if (doc.errors.length > 0) return { errors: doc.errors.map((e) => e.message) };
  return doc.getIn(path);
}

describe('image setters (properties)', () => {
  it('writes any value in a scalar’s style so that it reads back as that string, in block and flow', () => {
    fc.assert(
      fc.property(value, style, (v, s) => {
        const text = scalarText(v, s);
        expect(readBack(`image: ${text} ${MARKER}\n`, ['image'])).toBe(v);
        expect(readBack(`images: [${text}, x]\n`, ['images', 0])).toBe(v);
      }),
      fuzzParameters(2000),
    );
  });

  it('sets every marked scalar, leaves the rest, and is idempotent', () => {
    const entry = fc.tuple(value, style, fc.constantFrom('ns:p', 'ns:p:tag', 'ns:q', 'other', undefined));
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 5 }), value, value, (entries, p, tag) => {
        const setters = new Map([
          ['ns:p', p],
          ['ns:p:tag', tag],
        ]);
        const lines = entries.map(([old, s, setter], i) => {
          const marker = setter === undefined ? '' : ` # {"$imagepolicy": "${setter}"}`;
          return `k${i}: ${scalarText(old, s)}${marker}`;
        });
        const text = `kind: Deployment\nspec:\n${lines.map((l) => `  ${l}`).join('\n')}\n`;
        const update = updateDocumentText(text, setters);
        expect(update.ok).toBe(true);
        if (!update.ok) return;
        entries.forEach(([old, , setter], i) => {
          const want = setter !== undefined && setters.has(setter) ? setters.get(setter) : old;
          expect(readBack(update.text, ['spec', `k${i}`])).toBe(want);
        });
        expect(readBack(update.text, ['kind'])).toBe('Deployment');
        const again = updateDocumentText(update.text, setters);
        expect(again).toEqual({ ok: true, text: update.text, changes: [] });
      }),
      fuzzParameters(700),
    );
  });

  it('keeps the examples this property found', () => {
    // Single quotes folded a line break into a space (and broke the mapping at column 0); a raw CR,
    // NEL or BOM inside double quotes was not read back either.
    expect(scalarText('a\nb', 'QUOTE_SINGLE')).toBe('"a\\nb"');
    expect(scalarText('x\r', 'QUOTE_DOUBLE')).toBe('"x\\r"');
    expect(scalarText('\u0085\ufeff', 'PLAIN')).toBe('"\\x85\\ufeff"');
    expect(readBack(`image: ${scalarText('a\nb', 'QUOTE_SINGLE')}\n`, ['image'])).toBe('a\nb');
  });

  it('never throws on arbitrary marked text, and stays fast', () => {
    const piece = fc.constantFrom(
      'a: ',
      'b',
      '- ',
      '\n',
      '  ',
      MARKER,
      ' # {"$imagepolicy": "ns:p:tag"}',
      '"',
      "'",
      '[',
      ']',
      '{',
      '}',
      ',',
      '&x ',
      '*x',
      '---\n',
      '|\n',
      '? ',
      ': ',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join('');
        const started = performance.now();
        const update = updateDocumentText(
          text,
          new Map([
            ['ns:p', 'v2'],
            ['ns:p:tag', 'yes'],
          ]),
        );
        expect(performance.now() - started).toBeLessThan(3000);
        if (update.ok) expect(parseAllDocuments(update.text)).toBeDefined();
      }),
      fuzzParameters(2000),
    );
  });
});
