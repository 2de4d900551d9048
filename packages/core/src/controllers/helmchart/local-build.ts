import { BuildErrorReason, ChartBuildError } from './build-error.js';
import { effectiveValuesFiles, withBuildMetadata } from './build-metadata.js';
import {
  chartFromDirectory,
  directoryChartMetadata,
  packChart,
  readChartArchive,
  validateChartMetadata,
  type ChartLimits,
  type LoadedChart,
} from './chart-archive.js';
import type { CachedChart, ChartBuild } from './chart-build.js';
import { confine, mergeSourceValues } from './values-files.js';
import {
  addDependency,
  checkDependencyVersion,
  dependencyConstraint,
  isLocalDependency,
  localDependencyPath,
  missingDependencies,
  presentDependencies,
  requiredDependencies,
  type ChartDependency,
} from './dependencies.js';

/** What a chart from a source artifact (a GitRepository) is built from. */
export interface LocalBuildInput {
  /** The unpacked source: regular files by path relative to its root. */
  source: ReadonlyMap<string, Buffer>;
  /** `spec.chart`: a chart folder or a packaged `.tgz`, relative to the source root. */
  chartPath: string;
  valuesFiles: readonly string[];
  ignoreMissingValuesFiles: boolean;
  versionMetadata: string;
  cached?: CachedChart;
  force: boolean;
  limits: ChartLimits;
  /** Fetches a dependency from a chart repository (Flux's DependencyManager remote path). */
  remoteDependency?: (dep: ChartDependency) => Promise<LoadedChart>;
}

function isDirectory(source: ReadonlyMap<string, Buffer>, path: string): boolean {
  const prefix = path === '' ? '' : `${path}/`;
  for (const key of source.keys()) if (key.startsWith(prefix)) return true;
  return false;
}

function loadChart(input: LocalBuildInput, path: string, isDir: boolean): LoadedChart {
  if (isDir) return chartFromDirectory(input.source, path, input.limits);
  return readChartArchive(archiveAt(input, path), path.slice(path.lastIndexOf('/') + 1), input.limits);
}

function archiveAt(input: LocalBuildInput, path: string): Buffer {
  const data = input.source.get(path);
  if (data === undefined) throw new Error(`stat ${input.chartPath}: no such file or directory`);
  return data;
}

function addLocalDependency(
  input: LocalBuildInput,
  chart: LoadedChart,
  chartPath: string,
  dep: ChartDependency,
): void {
  const path = localDependencyPath(chartPath, dep);
  const isDir = isDirectory(input.source, path);
  if (!isDir && !input.source.has(path))
    throw new Error(`no chart found at '/${path}' (reference '${dep.repository ?? ''}')`);
  const constraints = dependencyConstraint(dep);
  let dependency: LoadedChart;
  try {
    dependency = isDir
      ? chartFromDirectory(input.source, path, input.limits)
      : readChartArchive(archiveAt(input, path), path, input.limits);
  } catch (error) {
    throw new Error(
      `failed to load chart from '/${path}' (reference '${dep.repository ?? ''}'): ${(error as Error).message}`,
    );
  }
  checkDependencyVersion(dep, constraints, validateChartMetadata(dependency.metadata).version);
  addDependency(chart, dependency, dep);
}

/**
 * Flux's DependencyManager for a chart folder: every dependency `charts/` does not already hold
 * is added, from the source (`file://`) or from its chart repository. Resolves how many.
 */
async function resolveDependencies(
  input: LocalBuildInput,
  chart: LoadedChart,
  chartPath: string,
): Promise<number> {
  const missing = missingDependencies(requiredDependencies(chart), presentDependencies(chart, input.limits));
  for (const [name, dep] of [...missing].sort(([a], [b]) => a.localeCompare(b))) {
    if (isLocalDependency(dep)) {
      try {
        addLocalDependency(input, chart, chartPath, dep);
      } catch (error) {
        throw new Error(`failed to add local dependency '${name}': ${(error as Error).message}`);
      }
      continue;
    }
    try {
      if (!input.remoteDependency) throw new Error(`no chart repository for URL '${dep.repository ?? ''}'`);
      addDependency(chart, await input.remoteDependency(dep), dep);
    } catch (error) {
      throw new Error(`failed to add remote dependency '${name}': ${(error as Error).message}`);
    }
  }
  return missing.size;
}

/**
 * Flux's local chart builder: load the chart's metadata from the source (paths confined to
 * it), stamp the build metadata, reuse the stored chart when name and version are unchanged,
 * and otherwise merge values files (relative to the source root) and package. A chart folder
 * is always packaged, with its missing dependencies added; a packaged chart is copied when
 * nothing changes it.
 */
export async function buildLocalChart(input: LocalBuildInput): Promise<ChartBuild> {
  const path = confine(input.chartPath);
  const isDir = isDirectory(input.source, path);
  let meta: { name: string; version: string };
  try {
    const metadata = isDir
      ? directoryChartMetadata(input.source, path)
      : readChartArchive(archiveAt(input, path), path, input.limits).metadata;
    meta = validateChartMetadata(metadata);
  } catch (error) {
    throw new ChartBuildError(BuildErrorReason.ChartReference, (error as Error).message);
  }
  const version = withBuildMetadata(meta.version, input.versionMetadata);
  const valuesFiles = effectiveValuesFiles(input.valuesFiles);
  const requiresPackaging = isDir || input.versionMetadata !== '' || valuesFiles.length > 0;
  const { cached } = input;
  if (cached && !input.force && cached.name === meta.name && cached.version === version) {
    return {
      name: meta.name,
      version,
      packaged: requiresPackaging,
      valuesFiles: cached.valuesFiles ?? valuesFiles,
    };
  }
  if (!requiresPackaging) {
    return { name: meta.name, version, packaged: false, valuesFiles: [], data: input.source.get(path) };
  }
  let merged;
  try {
    merged =
      valuesFiles.length > 0
        ? mergeSourceValues(input.source, valuesFiles, input.ignoreMissingValuesFiles)
        : undefined;
  } catch (error) {
    throw new ChartBuildError(BuildErrorReason.ValuesFilesMerge, (error as Error).message);
  }
  let chart: LoadedChart;
  try {
    chart = loadChart(input, path, isDir);
  } catch (error) {
    throw new ChartBuildError(BuildErrorReason.ChartPackage, (error as Error).message);
  }
  let resolvedDependencies = 0;
  try {
    if (isDir) resolvedDependencies = await resolveDependencies(input, chart, path);
  } catch (error) {
    throw new ChartBuildError(BuildErrorReason.DependencyBuild, (error as Error).message);
  }
  const data = packChart(chart, meta.name, version, merged?.values);
  return {
    name: meta.name,
    version,
    packaged: true,
    valuesFiles: merged?.files ?? [],
    data,
    resolvedDependencies,
  };
}
