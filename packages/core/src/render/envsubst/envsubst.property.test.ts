import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzzParameters } from '../../testing/fuzz.js';
import { buildGoOracle, oracleDir, startGoOracle, type GoOracleSession } from '../../testing/go-oracle.js';
import { envsubst, EnvsubstParseError, mapLookup, VariableNotSetError } from './envsubst.js';

interface Answer {
  valid: boolean;
  output: string;
  error?: string;
}
let oracle: GoOracleSession<{ template: string; vars: Record<string, string> }, Answer>;
beforeAll(async () => {
  oracle = startGoOracle(await buildGoOracle(oracleDir('envsubst'), 'envsubst'));
}, 300_000);
afterAll(() => oracle.close());

const NAMES = ['a', 'b', 'ab', '_x', 'a1'];
// Text outside ${…} without backslashes: only there does Flux's fork escape differently.
const textPiece = fc.constantFrom(
  'x',
  ' ',
  'é',
  '日本',
  '$',
  '$$',
  '$a',
  '{',
  '}',
  ':',
  '-',
  '/',
  '#',
  '%',
  '\n',
);
// What can follow a name inside ${…}: every operator Flux knows, some it does not, and junk.
const operator = fc.constantFrom(
  '',
  '^',
  '^^',
  ',',
  ',,',
  ':',
  ':-',
  '-',
  '=',
  ':=',
  '+',
  ':+',
  '?',
  ':?',
  '#',
  '##',
  '%',
  '%%',
  '/',
  '//',
  '/#',
  '/%',
  ':1',
  ':1:2',
  ':-1',
  ':x',
);
const argPiece = fc.constantFrom('x', 'a', '*', '?', '[a]', '[!a]', '/', '0', '1', '-1', 'é', ' ', '}');

const template: fc.Arbitrary<string> = fc.letrec<{ t: string; expr: string }>((tie) => ({
  expr: fc
    .tuple(
      fc.constantFrom('', '', '#'),
      fc.oneof(fc.constantFrom(...NAMES), fc.constantFrom('', '1a', 'a-b', '$a')),
      operator,
      fc.array(fc.oneof({ weight: 4, arbitrary: argPiece }, { weight: 1, arbitrary: tie('expr') }), {
        maxLength: 3,
      }),
      fc.constantFrom('}', '}', '}', ''),
    )
    .map(([len, name, op, args, close]) => `\${${len}${name}${op}${args.join('')}${close}`),
  t: fc
    .array(fc.oneof({ weight: 3, arbitrary: textPiece }, { weight: 2, arbitrary: tie('expr') }), {
      maxLength: 6,
    })
    .map((parts) => parts.join('')),
})).t;
const vars = fc.dictionary(
  fc.constantFrom(...NAMES),
  fc.oneof(fc.constantFrom('', 'hello', 'HeLLo', 'a/b', 'é日'), fc.string({ maxLength: 6 })),
  { maxKeys: 4 },
);

function ours(t: string, v: Record<string, string>, strict: boolean): Answer {
  try {
    return { valid: true, output: envsubst(t, mapLookup(v, strict)) };
  } catch (error) {
    if (error instanceof EnvsubstParseError || error instanceof VariableNotSetError)
      return { valid: false, output: '', error: error.message };
    throw error;
  }
}

describe('envsubst (properties, against drone/envsubst)', () => {
  it('expands as drone/envsubst does: same output, same parse errors', async () => {
    await fc.assert(
      fc.asyncProperty(template, vars, async (t, v) => {
        expect(ours(t, v, false)).toEqual(await oracle.ask({ template: t, vars: v }));
      }),
      fuzzParameters(2000),
    );
  });

  it('unescapes \\/ and \\\\ inside a replacement as drone/envsubst does', async () => {
    // Only inside ${…}: Flux's fork leaves backslashes in plain text alone, drone does not.
    const piece = fc.constantFrom('x', 'a', '\\/', '\\\\', '\\', '\\x', '*', '[a]');
    const part = fc.array(piece, { maxLength: 4 }).map((p) => p.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('/', '//', '/#', '/%'),
        part,
        part,
        vars,
        async (op, pattern, replacement, v) => {
          const t = `\${a${op}${pattern}/${replacement}}`;
          expect(ours(t, v, false)).toEqual(await oracle.ask({ template: t, vars: v }));
        },
      ),
      fuzzParameters(1000),
    );
  });

  it('in strict mode, differs from lenient only by naming an unset variable', () => {
    fc.assert(
      fc.property(template, vars, (t, v) => {
        const lenient = ours(t, v, false);
        const strict = ours(t, v, true);
        if (strict.valid) expect(strict).toEqual(lenient);
        else if (lenient.valid) expect(strict.error).toMatch(/^variable not set \(strict mode\): "/);
        else expect(strict).toEqual(lenient);
      }),
      fuzzParameters(1000),
    );
  });

  it('leaves text without ${ alone, and reads $${ as a literal ${', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }).map((s) => s.replaceAll('$', '')),
        vars,
        (s, v) => {
          expect(envsubst(s, mapLookup(v, true))).toBe(s);
          const inner = s.replaceAll('}', '');
          expect(envsubst(`$\${${inner}}`, mapLookup(v, true))).toBe(`\${${inner}}`);
        },
      ),
      fuzzParameters(1000),
    );
  });

  it('stays linear on long and deeply nested templates', () => {
    // Found by this property: one stack frame per token (50,000 \${a} overflowed the stack), a
    // buffer copy per $$ escape (quadratic: Go itself takes 22 s on 400 KB of them), and no bound
    // on nesting.
    for (const t of [
      '${a:-'.repeat(2000) + '}'.repeat(2000),
      '${a}'.repeat(50_000),
      '$$'.repeat(200_000),
      `\${a//${'\\/'.repeat(50_000)}/y}`,
      `\${a//${'x'.repeat(100_000)}/y}`,
    ]) {
      const started = performance.now();
      try {
        envsubst(t, mapLookup({ a: 'x'.repeat(1000) }, false));
      } catch (error) {
        expect(error).toBeInstanceOf(EnvsubstParseError);
      }
      expect(performance.now() - started).toBeLessThan(3_000); // a hang guard
    }
  });
});
