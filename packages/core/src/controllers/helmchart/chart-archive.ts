import { parse, parseDocument, stringify } from 'yaml';
import { parseVersion } from '../../semver/index.js';
import { gunzipCapped } from '../../sources/gzip-reader.js';
import { TarError } from '../../sources/tar-error.js';
import { readTar } from '../../sources/tar-reader.js';
import { packTarGz } from '../../sources/tar-writer.js';
import { HELM_IGNORE, helmIgnoresFile, parseHelmIgnore } from './helm-ignore.js';

/**
 * Size caps on charts, as source-controller and Helm set them: the archive (`--helm-chart-max-size`,
 * 10 MiB), any one file in it (`--helm-chart-file-max-size`, 5 MiB) and everything it unpacks to
 * (Helm's `MaxDecompressedChartSize`, 100 MiB).
 */
export interface ChartLimits {
  maxArchiveBytes: number;
  maxFileBytes: number;
  maxDecompressedBytes: number;
}

/** Flux's defaults. */
export const DEFAULT_CHART_LIMITS: ChartLimits = {
  maxArchiveBytes: 10 * 1024 * 1024,
  maxFileBytes: 5 * 1024 * 1024,
  maxDecompressedBytes: 100 * 1024 * 1024,
};

/** The `Chart.yaml` fields the build reads. */
export interface ChartMetadata {
  apiVersion?: string;
  name?: string;
  version?: string;
}

/** A chart held in memory: its files by path relative to the chart root, and its metadata. */
export interface LoadedChart {
  metadata: ChartMetadata;
  files: Map<string, Buffer>;
}

/** The chart's own default values file. */
export const VALUES_FILE = 'values.yaml';
const CHART_FILE = 'Chart.yaml';

/**
 * Reads a packaged chart (`.tgz`) within the caps, as Helm's archive loader does: every entry
 * lives under one top-level folder, which is stripped; absolute paths and `..` are refused;
 * links are skipped. Throws with Helm's wording. Pure.
 */
export function readChartArchive(
  data: Buffer,
  fileName: string,
  limits: ChartLimits = DEFAULT_CHART_LIMITS,
): LoadedChart {
  if (data.length > limits.maxArchiveBytes) {
    throw new Error(`size of chart '${fileName}' exceeds '${limits.maxArchiveBytes}' bytes limit`);
  }
  let tar: Buffer;
  try {
    // The output cap bounds memory whatever the compression ratio (a "zip bomb" stops here);
    // the extra MiB leaves room for tar headers and padding.
    tar = gunzipCapped(data, limits.maxDecompressedBytes + 1024 * 1024);
  } catch (error) {
    if (error instanceof TarError && error.kind === 'limit')
      throw new Error(`decompressed chart is larger than the maximum size ${limits.maxDecompressedBytes}`);
    throw new Error(`failed to read chart archive: ${(error as Error).message}`);
  }
  const files = new Map<string, Buffer>();
  let total = 0;
  for (const entry of readTar(tar, { maxBytes: Number.MAX_SAFE_INTEGER, maxEntries: 100_000 })) {
    if (entry.type !== 'file') continue;
    total += entry.data.length;
    if (total > limits.maxDecompressedBytes)
      throw new Error(`decompressed chart is larger than the maximum size ${limits.maxDecompressedBytes}`);
    if (entry.data.length > limits.maxFileBytes) {
      throw new Error(
        `decompressed chart file "${entry.path}" is larger than the maximum file size ${limits.maxFileBytes}`,
      );
    }
    const slash = entry.path.indexOf('/');
    if (slash < 0)
      throw new Error(`chart illegally contains content outside the base directory: ${entry.path}`);
    files.set(entry.path.slice(slash + 1), entry.data);
  }
  return { metadata: chartMetadata(files), files };
}

/**
 * The chart at `dir` inside an unpacked source (paths relative to the source root), as Flux's
 * secure directory loader reads it: `.helmignore` (plus Helm's default rule) applied, the
 * per-file cap enforced. Throws with Flux's wording. Pure.
 */
export function chartFromDirectory(
  source: ReadonlyMap<string, Buffer>,
  dir: string,
  limits: ChartLimits = DEFAULT_CHART_LIMITS,
): LoadedChart {
  const prefix = dir === '' ? '' : `${dir}/`;
  let rules;
  try {
    rules = parseHelmIgnore(source.get(`${prefix}${HELM_IGNORE}`)?.toString('utf8'));
  } catch (error) {
    throw new Error(`cannot load ignore rules for chart: ${(error as Error).message}`);
  }
  const files = new Map<string, Buffer>();
  for (const [path, data] of source) {
    if (!path.startsWith(prefix)) continue;
    const name = path.slice(prefix.length);
    if (helmIgnoresFile(rules, name)) continue;
    if (data.length > limits.maxFileBytes) {
      throw new Error(
        `failed to load files from /${dir}: cannot load file ${name} as file size (${data.length}) exceeds limit (${limits.maxFileBytes})`,
      );
    }
    files.set(name, data);
  }
  return { metadata: chartMetadata(files), files };
}

/** The metadata of the chart folder `dir` in a source, from its `Chart.yaml` alone. Pure. */
export function directoryChartMetadata(source: ReadonlyMap<string, Buffer>, dir: string): ChartMetadata {
  const file = dir === '' ? CHART_FILE : `${dir}/${CHART_FILE}`;
  const raw = source.get(file);
  if (!raw) throw new Error(`open /${file}: no such file or directory`);
  return chartMetadata(new Map([[CHART_FILE, raw]]));
}

function chartMetadata(files: ReadonlyMap<string, Buffer>): ChartMetadata {
  const raw = files.get(CHART_FILE);
  if (!raw) throw new Error(`no '${CHART_FILE}' found`);
  let parsed: unknown;
  try {
    parsed = parse(raw.toString('utf8'));
  } catch (error) {
    throw new Error(`cannot load '${CHART_FILE}': ${(error as Error).message}`);
  }
  const kind = (v: unknown): string =>
    Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;
  // As Go decodes into chart.Metadata: a map, whose string fields take text, numbers and booleans.
  if (parsed !== null && parsed !== undefined && (typeof parsed !== 'object' || Array.isArray(parsed)))
    throw new Error(`cannot load '${CHART_FILE}': cannot unmarshal ${kind(parsed)} into chart metadata`);
  const meta = (parsed ?? {}) as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const value = meta[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object')
      throw new Error(
        `cannot load '${CHART_FILE}': cannot unmarshal ${kind(value)} into Metadata.${key} of type string`,
      );
    return String(value);
  };
  return { apiVersion: text('apiVersion') ?? 'v1', name: text('name'), version: text('version') };
}

/** Helm's `Metadata.Validate` for the fields a build depends on; throws its message. Pure. */
export function validateChartMetadata(meta: ChartMetadata): { name: string; version: string } {
  if (!meta.apiVersion) throw new Error('validation: chart.metadata.apiVersion is required');
  if (!meta.name) throw new Error('validation: chart.metadata.name is required');
  if (!meta.version) throw new Error('validation: chart.metadata.version is required');
  try {
    parseVersion(meta.version);
  } catch {
    throw new Error(`validation: chart.metadata.version "${meta.version}" is invalid`);
  }
  return { name: meta.name, version: meta.version };
}

/**
 * Packages a chart as `helm package` lays it out (`<name>/<file>`), with `Chart.yaml`'s version
 * replaced and, when given, `values.yaml` replaced by the merged values. The tar is normalized,
 * so equal content gives an equal digest. Pure.
 */
export function packChart(
  chart: LoadedChart,
  name: string,
  version: string,
  values?: Record<string, unknown>,
): Buffer {
  const files = new Map(chart.files);
  const chartYaml = parseDocument(files.get(CHART_FILE)?.toString('utf8') ?? '');
  chartYaml.set('version', version);
  files.set(CHART_FILE, Buffer.from(chartYaml.toString()));
  if (values !== undefined) files.set(VALUES_FILE, Buffer.from(encodeValues(values)));
  return packTarGz(
    [...files].map(([path, data]) => ({ path: `${name}/${path}`, type: 'file' as const, data })),
  );
}

/** Values as Helm encodes them into `values.yaml` (sorted keys; nothing at all for no values). Pure. */
export function encodeValues(values: Record<string, unknown>): string {
  return Object.keys(values).length === 0 ? '' : stringify(values, { sortMapEntries: true });
}
