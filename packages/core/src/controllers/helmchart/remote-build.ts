import { BuildErrorReason, ChartBuildError } from './build-error.js';
import { effectiveValuesFiles, withBuildMetadata } from './build-metadata.js';
import { packChart, readChartArchive, validateChartMetadata, type ChartLimits } from './chart-archive.js';
import type { ChartBuild, CachedChart } from './chart-build.js';
import type { ChartRepository } from './chart-repository.js';
import { ChartVersionError, type IndexChartVersion } from './chart-version.js';
import { HelmChartMessages } from './messages.js';
import { mergeChartValues } from './values-files.js';

/** What a chart from a Helm repository is built from. */
export interface RemoteBuildInput {
  chart: string;
  version: string;
  valuesFiles: readonly string[];
  ignoreMissingValuesFiles: boolean;
  /** Build metadata to stamp on the version (`+<generation>` with values files). */
  versionMetadata: string;
  cached?: CachedChart;
  /** A new generation always rebuilds, as Flux's `Force`. */
  force: boolean;
  limits: ChartLimits;
}

const CHART_NAME = /^([-a-z0-9]+\/?\.?)+$/;

/**
 * Flux's remote chart builder: ask the repository (an index or an OCI registry) for the
 * version, reuse the stored chart when name and version are unchanged, otherwise download it
 * and, when values files or build metadata ask for it, merge and repackage. Throws
 * {@link ChartBuildError}: a wrong reference is `InvalidChartReference`, a repository that
 * could not answer `ChartPullError`.
 */
export async function buildRemoteChart(
  input: RemoteBuildInput,
  repository: ChartRepository,
): Promise<ChartBuild> {
  if (!CHART_NAME.test(input.chart))
    throw new ChartBuildError(
      BuildErrorReason.ChartReference,
      HelmChartMessages.invalidChartName(input.chart),
    );
  let entry: IndexChartVersion;
  try {
    entry = await repository.getChartVersion(input.chart, input.version);
  } catch (error) {
    const kind =
      error instanceof ChartVersionError ? BuildErrorReason.ChartReference : BuildErrorReason.ChartPull;
    throw new ChartBuildError(
      kind,
      `failed to get chart version for remote reference: ${(error as Error).message}`,
    );
  }
  const name = entry.name ?? input.chart;
  const version = withBuildMetadata(entry.version ?? '', input.versionMetadata);
  const valuesFiles = effectiveValuesFiles(input.valuesFiles);
  const requiresPackaging = valuesFiles.length > 0 || input.versionMetadata !== '';
  const { cached } = input;
  if (cached && !input.force && cached.name === name && cached.version === version) {
    return { name, version, packaged: requiresPackaging, valuesFiles: cached.valuesFiles ?? valuesFiles };
  }
  let data: Buffer;
  try {
    data = await repository.downloadChart(entry);
  } catch (error) {
    throw new ChartBuildError(
      BuildErrorReason.ChartPull,
      `failed to download chart for remote reference: ${(error as Error).message}`,
    );
  }
  const fileName = `${name}-${entry.version ?? ''}.tgz`;
  if (!requiresPackaging) {
    try {
      validateChartMetadata(readChartArchive(data, fileName, input.limits).metadata);
    } catch (error) {
      throw new ChartBuildError(
        BuildErrorReason.ChartPull,
        `failed to load chart metadata from written chart: ${(error as Error).message}`,
      );
    }
    return { name, version, packaged: false, valuesFiles: [], data };
  }
  let chart;
  try {
    chart = readChartArchive(data, fileName, input.limits);
  } catch (error) {
    throw new ChartBuildError(
      BuildErrorReason.ChartPackage,
      `failed to load downloaded chart: ${(error as Error).message}`,
    );
  }
  let merged;
  try {
    merged =
      valuesFiles.length > 0
        ? mergeChartValues(chart.files, valuesFiles, input.ignoreMissingValuesFiles)
        : undefined;
  } catch (error) {
    throw new ChartBuildError(
      BuildErrorReason.ValuesFilesMerge,
      `failed to merge chart values: ${(error as Error).message}`,
    );
  }
  return {
    name,
    version,
    packaged: true,
    valuesFiles: merged?.files ?? [],
    data: packChart(chart, name, version, merged?.values),
  };
}
