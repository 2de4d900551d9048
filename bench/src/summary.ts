import type { MachineInfo } from './machine.js';
import type { HelmReleaseRun } from './scenarios/helmrelease.js';
import type { MttpRun } from './scenarios/mttp.js';
import type { SourcesRun } from './scenarios/sources.js';
import { formatSeconds } from './stats.js';

/** `results/mttp.json`. */
export interface MttpReport {
  scenario: 'mttp';
  date: string;
  machine: MachineInfo;
  concurrency: number;
  runs?: number;
  baselineRuns?: number;
  results: {
    apps: number;
    runs: MttpRun[];
    medianMs: number;
    medianPeakRssMiB: number;
    medianBaselineMs?: number;
  }[];
}

/** `results/helmrelease.json`. */
export interface HelmReleaseReport {
  scenario: 'helmrelease';
  date: string;
  machine: MachineInfo;
  concurrency: number;
  runs: number;
  baselineRuns: number;
  results: {
    releases: number;
    runs: HelmReleaseRun[];
    medianMs: number;
    medianPeakRssMiB: number;
    medianPeakHelm: number;
    medianBaselineMs?: number;
  }[];
}

/** `results/sources.json`. */
export interface SourcesReport {
  scenario: 'sources';
  date: string;
  machine: MachineInfo;
  concurrency: number;
  runs: number;
  results: {
    repositories: number;
    runs: SourcesRun[];
    medianReadyMs: number;
    medianRecheckMs: number;
    medianRecheckCpuMsPerCheck: number;
    medianPeakRssMiB: number;
  }[];
}

const machineLine = (m: MachineInfo, date: string, concurrency: number, runs: string): string =>
  `Measured ${date} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, Kubernetes ${m.kubernetes}, kubectl ${m.kubectl}; engine concurrency ${concurrency}; ${runs}.`;

const FLUX_MTTP: Record<number, string> = { 100: '26s / 134Mi', 500: '2m0s / 183Mi', 1000: '4m13s / 223Mi' };

function mttpSection(r: MttpReport): string[] {
  const runs = `median of ${r.runs ?? r.results[0]?.runs.length ?? 1} run(s) (baseline: ${r.baselineRuns ?? 1})`;
  return [
    '## Mean Time To Production (N Kustomizations from one GitRepository)',
    '',
    machineLine(r.machine, r.date, r.concurrency, runs),
    '',
    '| apps | Tideline: commit → all Ready | engine peak RSS | CI baseline (kustomize \\| kubectl apply --server-side, sequential) | baseline ÷ Tideline | Flux 2.9 (16-core runner, kind) |',
    '|---|---|---|---|---|---|',
    ...r.results.map((x) => {
      const ratio = x.medianBaselineMs ? `${(x.medianBaselineMs / x.medianMs).toFixed(1)}×` : '—';
      return `| ${x.apps} | ${formatSeconds(x.medianMs)} | ${x.medianPeakRssMiB} MiB | ${x.medianBaselineMs ? formatSeconds(x.medianBaselineMs) : '—'} | ${ratio} | ${FLUX_MTTP[x.apps] ?? '—'} |`;
    }),
    '',
  ];
}

const FLUX_HR: Record<number, string> = { 100: '26s / 286Mi', 500: '2m14s / 306Mi', 1000: '4m39s / 361Mi' };

function helmReleaseSection(r: HelmReleaseReport): string[] {
  return [
    '## HelmReleases (N podinfo releases, MTTP app shape, each with its generated HelmChart)',
    '',
    machineLine(r.machine, r.date, r.concurrency, `median of ${r.runs} run(s) (baseline: ${r.baselineRuns})`),
    '',
    '| releases | Tideline: apply → all Ready | engine peak RSS | peak helm processes | CI baseline (helm upgrade --install, sequential) | baseline ÷ Tideline | Flux 2.9 (16-core runner, kind) |',
    '|---|---|---|---|---|---|---|',
    ...r.results.map((x) => {
      const ratio = x.medianBaselineMs ? `${(x.medianBaselineMs / x.medianMs).toFixed(1)}×` : '—';
      return `| ${x.releases} | ${formatSeconds(x.medianMs)} | ${x.medianPeakRssMiB} MiB | ${x.medianPeakHelm} | ${x.medianBaselineMs ? formatSeconds(x.medianBaselineMs) : '—'} | ${ratio} | ${FLUX_HR[x.releases] ?? '—'} |`;
    }),
    '',
  ];
}

function sourcesSection(r: SourcesReport): string[] {
  return [
    '## Sources (N GitRepositories, one repository each, on the sandbox Git server)',
    '',
    machineLine(r.machine, r.date, r.concurrency, `median of ${r.runs} run(s)`),
    '',
    '| repositories | applied → all Ready | unchanged re-check of all | engine CPU per re-check | engine peak RSS | Flux (1,000 OCI sources, 16-core runner) |',
    '|---|---|---|---|---|---|',
    ...r.results.map(
      (x) =>
        `| ${x.repositories} | ${formatSeconds(x.medianReadyMs)} | ${formatSeconds(x.medianRecheckMs)} | ${x.medianRecheckCpuMsPerCheck} ms | ${x.medianPeakRssMiB} MiB | ${x.repositories === 1000 ? '1m25s' : '—'} |`,
    ),
    '',
  ];
}

/** SUMMARY.md from whichever scenario reports exist. Pure. */
export function summaryMarkdown(
  mttp: MttpReport | undefined,
  sources: SourcesReport | undefined,
  helm?: HelmReleaseReport,
): string {
  return [
    '# Benchmark results',
    '',
    ...(mttp ? mttpSection(mttp) : []),
    ...(sources ? sourcesSection(sources) : []),
    ...(helm ? helmReleaseSection(helm) : []),
  ].join('\n');
}
