import { parse } from 'yaml';
import { cleanPath } from './build-metadata.js';
import { VALUES_FILE } from './chart-archive.js';
import { mergeMaps } from './values-merge.js';

type Values = Record<string, unknown>;

/** The merged values and the files that contributed, in order. */
export interface MergedValues {
  values: Values;
  files: string[];
}

function parseValues(data: Buffer, reference: string): Values {
  let parsed: unknown;
  try {
    parsed = parse(data.toString('utf8'), { maxAliasCount: 100 });
  } catch (error) {
    throw new Error(`unmarshaling values from '${reference}' failed: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`unmarshaling values from '${reference}' failed: values must be a map`);
  }
  return parsed as Values;
}

/** Whether Helm's loader keeps a chart path among `chart.Files` (not templates, subcharts, metadata). */
function isPlainChartFile(path: string): boolean {
  if (path.startsWith('templates/') || path.startsWith('charts/')) return false;
  return ![
    'Chart.yaml',
    'Chart.lock',
    'requirements.yaml',
    'requirements.lock',
    'values.schema.json',
    VALUES_FILE,
  ].includes(path);
}

/**
 * Values files from inside a pulled chart (Flux `mergeChartValues`): `values.yaml` is the chart's
 * defaults, any other path must be one of the chart's plain files. Later files win. Pure.
 */
export function mergeChartValues(
  chartFiles: ReadonlyMap<string, Buffer>,
  paths: readonly string[],
  ignoreMissing: boolean,
): MergedValues {
  let values: Values = {};
  const files: string[] = [];
  for (const path of paths) {
    const clean = cleanPath(path);
    const data = clean === VALUES_FILE || isPlainChartFile(clean) ? chartFiles.get(clean) : undefined;
    if (data === undefined) {
      if (ignoreMissing) continue;
      throw new Error(`no values file found at path '${path}'`);
    }
    values = mergeMaps(values, parseValues(data, path));
    files.push(path);
  }
  return { values, files };
}

/**
 * Values files from a source artifact (Flux `mergeFileValues`): paths are relative to the
 * source root and confined to it, as securejoin confines them. Pure.
 */
export function mergeSourceValues(
  sourceFiles: ReadonlyMap<string, Buffer>,
  paths: readonly string[],
  ignoreMissing: boolean,
): MergedValues {
  let values: Values = {};
  const files: string[] = [];
  for (const path of paths) {
    const confined = confine(path);
    const data = sourceFiles.get(confined);
    if (data === undefined) {
      if (ignoreMissing) continue;
      throw new Error(`no values file found at path '/${confined}' (reference '${path}')`);
    }
    values = mergeMaps(values, parseValues(data, path));
    files.push(path);
  }
  return { values, files };
}

/** A path clamped inside the root (`../../x` → `x`, `/etc/x` → `etc/x`), relative, no leading slash. Pure. */
export function confine(path: string): string {
  const clean = cleanPath(`/${path}`);
  return clean === '/' ? '' : clean.slice(1);
}
