import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { pinnedKubectl } from '../testing/cluster-fixture.js';
import { fuzzParameters } from '../testing/fuzz.js';
import { BuildConfinementError, checkBuildConfinement } from './build-confinement.js';
import { foldJsonKey, jsonFieldValues } from './go-json-field.js';
import { kustomizationReferences } from './kustomization-references.js';

const run = promisify(execFile);
const kubectlBin = pinnedKubectl();

/** Where a path hides in a kustomization: a list field, a path inside list items, or inside an object. */
interface Template {
  outer: string;
  inner?: string;
  shape: 'list' | 'items' | 'generator' | 'object';
}
const TEMPLATES: Template[] = [
  ...['resources', 'bases', 'components', 'crds', 'configurations', 'patchesStrategicMerge'].map(
    (outer): Template => ({ outer, shape: 'list' }),
  ),
  ...['transformers', 'generators', 'validators'].map((outer): Template => ({ outer, shape: 'list' })),
  ...['patches', 'patchesJson6902', 'replacements'].map((outer): Template => ({
    outer,
    inner: 'path',
    shape: 'items',
  })),
  ...['configMapGenerator', 'secretGenerator'].flatMap((outer) =>
    ['files', 'envs', 'env'].map((inner): Template => ({ outer, inner, shape: 'generator' })),
  ),
  { outer: 'openapi', inner: 'path', shape: 'object' },
  { outer: 'helmGlobals', inner: 'chartHome', shape: 'object' },
  { outer: 'helmCharts', inner: 'valuesFile', shape: 'items' },
];

/**
 * A spelling of a field name: mostly as written, some letters upper-cased, some swapped for the
 * runes Go's `EqualFold` takes for them (ſ for s, the Kelvin sign for k), and some for look-alikes
 * it does not (dotless ı), which kustomize must refuse as unknown fields.
 */
const spelling = (field: string): fc.Arbitrary<string> =>
  fc.array(fc.nat(11), { minLength: field.length, maxLength: field.length }).map((picks) =>
    [...field]
      .map((ch, i) => {
        const pick = picks[i] ?? 11;
        if (pick === 0 && ch === 's') return '\u017f';
        if (pick === 0 && ch === 'k') return '\u212a';
        if (pick === 0 && ch === 'i') return '\u0131';
        return pick < 3 ? ch.toUpperCase() : ch;
      })
      .join(''),
  );

/** The ways a YAML scalar can spell a path; `!!binary` is base64 that go-yaml decodes. */
type Encoding = 'plain' | 'single' | 'double' | 'binary' | 'str';
const encode = (path: string, how: Encoding): string => {
  switch (how) {
    case 'plain':
      return path;
    case 'single':
      return `'${path}'`;
    case 'double':
      return `"\\x2e${path.slice(1)}"`;
    case 'binary':
      return `!!binary ${Buffer.from(path).toString('base64')}`;
    case 'str':
      return `!!str ${path}`;
  }
};

interface Case {
  template: Template;
  outerKey: string;
  innerKey: string;
  encoding: Encoding;
  /** An exact, harmless key first, so the hidden one is a second spelling of the same field. */
  decoy: boolean;
}

const kase: fc.Arbitrary<Case> = fc.constantFrom(...TEMPLATES).chain((template) =>
  fc.record({
    template: fc.constant(template),
    outerKey: spelling(template.outer),
    innerKey: spelling(template.inner ?? ''),
    encoding: fc.constantFrom<Encoding>('plain', 'single', 'double', 'binary', 'str'),
    decoy: fc.boolean(),
  }),
);

function kustomizationText(c: Case, path: string): string {
  const v = encode(path, c.encoding);
  const decoy =
    c.decoy && c.template.shape !== 'object' && c.template.shape !== 'generator'
      ? `${c.template.outer}: []\n`
      : '';
  switch (c.template.shape) {
    case 'list':
      return `${decoy}${c.outerKey}:\n- ${v}\n`;
    case 'items':
      return `${decoy}${c.outerKey}:\n- name: n\n  target: {kind: ConfigMap}\n  ${c.innerKey}: ${v}\n`;
    case 'generator':
      return `${c.outerKey}:\n- name: g\n  ${c.innerKey}:\n  - ${v}\n`;
    case 'object':
      return `${c.outerKey}:\n  ${c.innerKey}: ${v}\n`;
  }
}

const work = mkdtempSync(join(tmpdir(), 'kref-prop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let serial = 0;

/** Kustomize's own answer: whether building `text` made it read (and so mention) the outside file. */
async function kustomizeReads(root: string, token: string): Promise<boolean> {
  try {
    const { stdout } = await run(
      kubectlBin,
      ['kustomize', '--load-restrictor', 'LoadRestrictionsNone', root],
      { timeout: 30_000, env: { PATH: '/nonexistent', HOME: root } },
    );
    return stdout.includes(token);
  } catch (error) {
    return String((error as { stderr?: unknown }).stderr ?? error).includes(token);
  }
}

describe('kustomization reference scanning (properties)', () => {
  it('folds field names as encoding/json does', () => {
    expect(foldJsonKey('RESOURCES')).toBe('resources');
    expect(foldJsonKey('re\u017fources')).toBe('resources');
    expect(foldJsonKey('\u212aind')).toBe('kind');
    expect(foldJsonKey('f\u0131les')).not.toBe('files');
    expect(foldJsonKey('f\u0130les')).not.toBe('files');
    expect(jsonFieldValues({ resources: [], Resources: ['x'], other: 1 }, 'resources')).toEqual([[], ['x']]);
  });

  it('finds a path under any spelling of its field that Go folds to the name', () => {
    fc.assert(
      fc.property(kase, fc.stringMatching(/^[a-z0-9][a-z0-9./-]{0,20}$/), (c, path) => {
        const value = c.encoding === 'binary' ? Buffer.from(path) : path;
        const leaf =
          c.template.shape === 'list'
            ? [value]
            : { [c.innerKey]: c.template.shape === 'object' ? value : [value] };
        const doc =
          c.template.shape === 'object'
            ? { [c.outerKey]: leaf }
            : c.template.shape === 'list'
              ? { [c.outerKey]: leaf }
              : { [c.outerKey]: [{ name: 'n', ...(leaf as object) }] };
        const found = kustomizationReferences(doc).references.some((r) => r.path.endsWith(path));
        const folds = (key: string, field: string): boolean => foldJsonKey(key) === foldJsonKey(field);
        const visible =
          folds(c.outerKey, c.template.outer) &&
          (c.template.inner === undefined || folds(c.innerKey, c.template.inner));
        expect(found).toBe(visible);
      }),
      fuzzParameters(500),
    );
  });

  it('refuses every outside file the real kustomize would read, however the field is spelled', async () => {
    let reads = 0;
    await fc.assert(
      fc.asyncProperty(kase, async (c) => {
        const token = `outside-${++serial}`;
        const base = join(work, token);
        const root = join(base, 'root');
        mkdirSync(join(base, 'outside'), { recursive: true });
        mkdirSync(root);
        writeFileSync(
          join(base, 'outside', `${token}.yaml`),
          `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${token}\n`,
        );
        writeFileSync(join(root, 'kustomization.yaml'), kustomizationText(c, `../outside/${token}.yaml`));
        if (!(await kustomizeReads(root, token))) return;
        reads += 1;
        await expect(checkBuildConfinement(root, root, { maxBytes: 1 << 20 })).rejects.toThrow(
          BuildConfinementError,
        );
      }),
      fuzzParameters(40, { maxRuns: 3000 }),
    );
    // The oracle must have read outside files for the property to mean anything.
    expect(reads).toBeGreaterThan(0);
  });
});
