import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { directoryChartMetadata } from '../controllers/helmchart/chart-archive.js';
import { requiredDependencies } from '../controllers/helmchart/dependencies.js';
import { mergeChartValues } from '../controllers/helmchart/values-files.js';
import { splitManifests } from '../controllers/kustomization/manifests.js';
import { KubeconfigRefused, parseKubeconfigContent } from '../kube/kubeconfig-content.js';
import { notifierOptions } from '../notify/notifier-config.js';
import { HelmIndexError, normalizeIndex } from '../sources/helm-index.js';
import { fuzzParameters } from '../testing/fuzz.js';
import { BuildConfinementError, checkBuildConfinement } from './build-confinement.js';
import { encryptedSourceCandidates } from './decryption/kustomization-sources.js';
import { parseGoYaml } from './go-yaml.js';
import { generatedResources } from './kustomization-file.js';
import { plainObjects } from './plain-build.js';
import { substituteDocument } from './post-build.js';

/**
 * Every place the engine parses YAML someone else wrote, fed alias bombs: each must bound the
 * expansion (the yaml package's `maxAliasCount`, 100, or no aliases at all), answer within a
 * time bound, and fail only with its own error (never a bare ReferenceError, TypeError or
 * YAMLParseError from inside the parser).
 */

// A hang guard far above the milliseconds a call takes, so a loaded machine cannot fail it.
const TIME_BOUND_MS = 3_000;
/** What 100 aliases of the largest anchor can add, plus slack for keys and punctuation. */
const expansionCap = (text: string): number => 101 * text.length + 4096;

/** The size of `value` as JSON, counted through shared (aliased) parts, stopping past `cap`. */
function expandedSize(value: unknown, cap: number): number {
  let size = 0;
  const walk = (v: unknown): void => {
    if (size > cap) return;
    if (v === null || typeof v !== 'object') {
      size += JSON.stringify(v ?? null).length + 1;
      return;
    }
    for (const [k, item] of Object.entries(v)) {
      size += k.length + 4;
      walk(item);
    }
  };
  walk(value);
  return size;
}

// Billion laughs (width^depth lols) and random webs of anchors that alias earlier anchors.
const laughs = fc
  .tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }))
  .map(([width, depth]) => {
    const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(', ')}]`];
    for (let i = 1; i < depth; i++)
      lines.push(
        `l${i}: &l${i} [${Array(width)
          .fill(`*l${i - 1}`)
          .join(', ')}]`,
      );
    return `${lines.join('\n')}\n`;
  });
const web = fc
  .array(fc.tuple(fc.nat(40), fc.array(fc.nat(20), { maxLength: 40 })), { minLength: 1, maxLength: 10 })
  .map((defs) =>
    defs
      .map(([size, refs], i) => {
        const items = [`"${'x'.repeat(size * 20)}"`, ...refs.filter((r) => r < i).map((r) => `*w${r}`)];
        return `w${i}: &w${i} [${items.join(', ')}]\n`;
      })
      .join(''),
  );
const bomb = fc.oneof(laughs, web);

const work = mkdtempSync(join(tmpdir(), 'yaml-aliases-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const dirWith = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(work, 'd-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};

/** A site: how to hand it a document, and which errors are its own. */
interface Site {
  name: string;
  run: (doc: string) => unknown;
  ours: (error: unknown) => boolean;
  /** The site returns the parsed tree (or part of it): its expansion is measured. */
  returnsTree?: boolean;
}
const plainError = (e: unknown): boolean => e instanceof Error && e.constructor === Error;
const manifest = (doc: string): string => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: m\n${doc}`;

const SITES: Site[] = [
  {
    name: 'Helm index (normalizeIndex)',
    run: (d) => normalizeIndex(`apiVersion: v1\nentries: {}\n${d}`),
    ours: (e) => e instanceof HelmIndexError,
  },
  {
    name: 'Chart.yaml metadata',
    run: (d) => directoryChartMetadata(new Map([['Chart.yaml', Buffer.from(`name: c\n${d}`)]]), ''),
    ours: plainError,
  },
  {
    name: 'chart dependencies (Chart.lock)',
    run: (d) => requiredDependencies({ metadata: {}, files: new Map([['Chart.lock', Buffer.from(d)]]) }),
    ours: plainError,
  },
  {
    name: 'chart values files',
    run: (d) => mergeChartValues(new Map([['values.yaml', Buffer.from(d)]]), ['values.yaml'], false).values,
    ours: plainError,
    returnsTree: true,
  },
  {
    name: 'kustomize output (splitManifests)',
    run: (d) => splitManifests(manifest(d)).map((x) => x.object),
    ours: plainError,
    returnsTree: true,
  },
  {
    name: 'post-build re-read (substituteDocument)',
    run: (d) =>
      substituteDocument(
        { text: manifest(d), object: {} },
        { vars: { a: 'b' } },
        { strict: false, always: true },
      ).object,
    ours: plainError,
    returnsTree: true,
  },
  {
    name: 'go-yaml reader (parseGoYaml)',
    run: (d) => parseGoYaml(d, { maxAliasCount: 100 }),
    ours: (e) => e instanceof Error && e.name === 'GoYamlError',
    returnsTree: true,
  },
  {
    name: 'plain directory manifests (plainObjects)',
    run: (d) => plainObjects(manifest(d)),
    ours: plainError,
    returnsTree: true,
  },
  {
    name: 'kubeconfig from a Secret',
    run: (d) => parseKubeconfigContent(d),
    ours: (e) => e instanceof KubeconfigRefused,
  },
  {
    name: 'Provider headers from a Secret',
    run: (d) =>
      notifierOptions(
        { metadata: { name: 'p', namespace: 'n' }, spec: { type: 'generic' } as never },
        { secret: { headers: d } },
        { endpoints: {} as never },
      ),
    ours: plainError,
  },
];

const ASYNC_SITES: { name: string; run: (doc: string) => Promise<unknown>; ours: (e: unknown) => boolean }[] =
  [
    {
      name: 'kustomization.yaml (build confinement)',
      run: async (d) => {
        const dir = dirWith({ 'kustomization.yaml': d });
        return checkBuildConfinement(dir, dir, { maxBytes: 1 << 20 });
      },
      ours: (e) => e instanceof BuildConfinementError,
    },
    {
      name: 'kustomization.yaml (SOPS decryption sources)',
      run: async (d) => {
        const dir = dirWith({ 'kustomization.yaml': d });
        return encryptedSourceCandidates(dir, dir);
      },
      ours: plainError,
    },
    {
      name: 'plain directory files (generatedResources)',
      run: async (d) => generatedResources(dirWith({ 'cm.yaml': manifest(d) })),
      ours: plainError,
    },
  ];

function checkOutcome(
  site: { ours: (e: unknown) => boolean; returnsTree?: boolean },
  doc: string,
  outcome: { value?: unknown; error?: unknown },
  ms: number,
): void {
  if (outcome.error !== undefined && !site.ours(outcome.error)) throw outcome.error;
  expect(ms).toBeLessThan(TIME_BOUND_MS);
  if (site.returnsTree && outcome.error === undefined) {
    const cap = expansionCap(doc);
    expect(expandedSize(outcome.value, cap)).toBeLessThanOrEqual(cap);
  }
}

describe('untrusted YAML with anchors and aliases (properties)', () => {
  it('the yaml package’s maxAliasCount bounds what aliases expand to: at most ~100× the text', () => {
    fc.assert(
      fc.property(bomb, (doc) => {
        let value: unknown;
        try {
          value = parse(doc, { maxAliasCount: 100 });
        } catch (error) {
          expect(error).toBeInstanceOf(ReferenceError);
          return;
        }
        const cap = expansionCap(doc);
        expect(expandedSize(value, cap)).toBeLessThanOrEqual(cap);
      }),
      fuzzParameters(300),
    );
    // The worst case: one large anchor aliased 99 times expands ~99×, and a 100th alias is refused.
    const big = `a: &a ["${'x'.repeat(10_000)}"]\n`;
    const aliased = (n: number): string => `${big}b: [${Array(n).fill('*a').join(', ')}]\n`;
    const ratio = JSON.stringify(parse(aliased(99), { maxAliasCount: 100 })).length / aliased(99).length;
    expect(ratio).toBeGreaterThan(90);
    expect(() => parse(aliased(100), { maxAliasCount: 100 })).toThrow(ReferenceError);
  });

  it.each(SITES)('$name: bounded, and only its own errors', (site) => {
    fc.assert(
      fc.property(bomb, (doc) => {
        const started = performance.now();
        let outcome: { value?: unknown; error?: unknown };
        try {
          outcome = { value: site.run(doc) };
        } catch (error) {
          outcome = { error };
        }
        checkOutcome(site, doc, outcome, performance.now() - started);
      }),
      fuzzParameters(150),
    );
  });

  it.each(ASYNC_SITES)('$name: bounded, and only its own errors', async (site) => {
    await fc.assert(
      fc.asyncProperty(bomb, async (doc) => {
        const started = performance.now();
        let outcome: { value?: unknown; error?: unknown };
        try {
          outcome = { value: await site.run(doc) };
        } catch (error) {
          outcome = { error };
        }
        checkOutcome(site, doc, outcome, performance.now() - started);
      }),
      fuzzParameters(60, { maxRuns: 5000 }),
    );
  });
});
