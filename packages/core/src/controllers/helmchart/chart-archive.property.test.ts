import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { TarError } from '../../sources/tar-error.js';
import { fuzzParameters } from '../../testing/fuzz.js';
import {
  directoryChartMetadata,
  packChart,
  readChartArchive,
  validateChartMetadata,
  type ChartLimits,
} from './chart-archive.js';

const LIMITS: ChartLimits = {
  maxArchiveBytes: 1 << 20,
  maxFileBytes: 64 * 1024,
  maxDecompressedBytes: 1 << 20,
};

/** Helm's loader fails with plain errors carrying its wording; the tar reader with TarError. */
const ours = (error: unknown): boolean =>
  error instanceof TarError || (error instanceof Error && error.constructor === Error);

const anyScalar = fc.oneof(
  fc.constantFrom('app', '1.2.3', 'v2', '1.10', ''),
  fc.string({ maxLength: 5 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.boolean(),
  fc.constant(null),
);
const anyValue = fc.oneof(
  anyScalar,
  fc.array(anyScalar, { maxLength: 2 }),
  fc.dictionary(fc.string({ maxLength: 3 }), anyScalar, { maxKeys: 2 }),
);
const chartYaml = fc
  .record(
    { apiVersion: anyValue, name: anyValue, version: anyValue, description: anyValue },
    { requiredKeys: [] },
  )
  .map((doc) => stringify(doc));
const segment = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,8}$/);
const files = fc.dictionary(
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((p) => p.join('/')),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
  { maxKeys: 5 },
);

describe('Chart.yaml and chart archive readers (properties)', () => {
  it('reads any Chart.yaml into string fields, or fails with Helm’s error', () => {
    fc.assert(
      fc.property(chartYaml, (text) => {
        let meta;
        try {
          meta = directoryChartMetadata(new Map([['Chart.yaml', Buffer.from(text)]]), '');
        } catch (error) {
          if (!ours(error)) throw error;
          expect((error as Error).message).toMatch(/^cannot load 'Chart.yaml'/);
          return;
        }
        for (const value of [meta.apiVersion, meta.name, meta.version])
          expect(value === undefined || (typeof value === 'string' && !value.includes('[object'))).toBe(true);
        try {
          validateChartMetadata(meta);
        } catch (error) {
          if (!ours(error)) throw error;
          expect((error as Error).message).toMatch(/^validation: chart\.metadata\./);
        }
      }),
      fuzzParameters(1000),
    );
  });

  it('round-trips a packaged chart: same files, the version it was given', () => {
    const version = fc.tuple(fc.nat(9), fc.nat(20), fc.nat(9)).map((v) => v.join('.'));
    fc.assert(
      fc.property(files, fc.constantFrom('app', 'db-x'), version, (extra, name, v) => {
        const chartFiles = new Map(Object.entries(extra));
        chartFiles.set('Chart.yaml', Buffer.from(`apiVersion: v2\nname: ${name}\nversion: 0.0.1\n`));
        const read = readChartArchive(
          packChart({ metadata: {}, files: chartFiles }, name, v),
          'c.tgz',
          LIMITS,
        );
        expect(read.metadata).toEqual({ apiVersion: 'v2', name, version: v });
        for (const [path, data] of chartFiles)
          if (path !== 'Chart.yaml') expect(read.files.get(path)?.equals(data)).toBe(true);
      }),
      fuzzParameters(300),
    );
  });

  it('refuses random and corrupted archives with its own errors only', () => {
    const archive = fc.oneof(
      fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
      fc.uint8Array({ maxLength: 4096 }).map((b) => gzipSync(b)),
      fc
        .tuple(
          files,
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
        )
        .map(([f, edits]) => {
          const chartFiles = new Map(Object.entries(f));
          chartFiles.set('Chart.yaml', Buffer.from('apiVersion: v2\nname: app\nversion: 1.0.0\n'));
          const gz = packChart({ metadata: {}, files: chartFiles }, 'app', '1.0.0');
          for (const [at, value] of edits) gz[at % gz.length] = value;
          return gz;
        }),
    );
    fc.assert(
      fc.property(archive, (data) => {
        try {
          validateChartMetadata(readChartArchive(data, 'c.tgz', LIMITS).metadata);
        } catch (error) {
          if (!ours(error)) throw error;
        }
      }),
      fuzzParameters(500),
    );
  });
});
