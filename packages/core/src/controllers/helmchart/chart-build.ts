/** The result of a chart build (Flux `chart.Build`, always complete here: failures throw). */
export interface ChartBuild {
  name: string;
  version: string;
  /** Whether the chart was (re)packaged rather than pulled as it was. */
  packaged: boolean;
  /** The values files merged into the chart's defaults. */
  valuesFiles: string[];
  /** The chart archive; absent when the stored artifact already is this build. */
  data?: Buffer;
  /** How many missing dependencies the build added (chart folders only). */
  resolvedDependencies?: number;
}

/** The chart already in storage, for Flux's "same name and version: nothing to build" rule. */
export interface CachedChart {
  name: string;
  version: string;
  /** `status.observedValuesFiles`, reported again instead of the spec's list when set. */
  valuesFiles?: string[];
}
