import { selectChartVersion, type IndexChartVersion } from './chart-version.js';

/**
 * Where a HelmRepository's charts come from (source-controller's `repository.Downloader`): a
 * version lookup and a download. `getChartVersion` throws {@link ChartVersionError} when the
 * reference itself is wrong, anything else when the repository could not be asked.
 */
export interface ChartRepository {
  getChartVersion(name: string, version: string): Promise<IndexChartVersion>;
  downloadChart(entry: IndexChartVersion): Promise<Buffer>;
}

/** A chart repository over a stored `index.yaml` and an HTTP download function. */
export function indexChartRepository(
  entries: Readonly<Record<string, readonly IndexChartVersion[] | undefined>>,
  download: (entry: IndexChartVersion) => Promise<Buffer>,
): ChartRepository {
  return {
    getChartVersion: async (name, version) => selectChartVersion(entries, name, version),
    downloadChart: download,
  };
}
