import type { MachineInfo } from './machine.js';
import type { HelmReleaseRun } from './scenarios/helmrelease.js';
import type { MttpRun } from './scenarios/mttp.js';
import type { LoopMode, LoopRun, ScanRun, SettersRun } from './scenarios/images.js';
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

/** `results/images.json`. */
export interface ImagesReport {
  scenario: 'images';
  date: string;
  machine: MachineInfo;
  concurrency: number;
  runs: number;
  loop: {
    mode: LoopMode;
    pushes: number;
    runs: LoopRun[];
    medianP50Ms: number;
    medianP95Ms: number;
    medianP50AfterScanMs: number;
    medianP95AfterScanMs: number;
    medianSteps: LoopRun['medianSteps'];
  }[];
  scan: {
    runs: ScanRun[][];
    medianFirstScanMs: number[];
    medianRescanMs: number[];
    medianPeakRssMiB: number[];
  };
  setters: { runs: SettersRun[]; medianAutomationMs: number };
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

const ms = (value: number): string =>
  value < 10_000 ? `${(value / 1000).toFixed(2)} s` : formatSeconds(value);

const LOOP_MODE: Record<LoopMode, string> = {
  requested: 'reconcile requested right after each push (as a registry webhook would)',
  interval: 'the next 1m scan (each push at a random point of the cycle)',
};

function imagesSection(r: ImagesReport): string[] {
  const first = r.scan.runs[0] ?? [];
  const setters = r.setters.runs[0];
  return [
    '## Image automation (tag pushed → scan → policy → commit → push → GitRepository → pods running it)',
    '',
    machineLine(r.machine, r.date, r.concurrency, `median of ${r.runs} run(s); the 1m-interval loop once`),
    '',
    '| the new tag is seen by | pushes | push → pods running the new tag, p50 / p95 | scan → pods, p50 / p95 | median steps from the push: scan, policy, commit pushed, GitRepository artifact, Deployment spec |',
    '|---|---|---|---|---|',
    ...r.loop.map(
      (l) =>
        `| ${LOOP_MODE[l.mode]} | ${l.pushes} | ${ms(l.medianP50Ms)} / ${ms(l.medianP95Ms)} | ${ms(l.medianP50AfterScanMs)} / ${ms(l.medianP95AfterScanMs)} | ${[l.medianSteps.scanMs, l.medianSteps.policyMs, l.medianSteps.commitMs, l.medianSteps.sourceMs, l.medianSteps.deploymentMs].map(ms).join(', ')} |`,
    ),
    '',
    '| tags | tag-list pages | ImageRepository applied → scanned | unchanged re-scan | engine RSS before → peak |',
    '|---|---|---|---|---|',
    ...first.map(
      (x, i) =>
        `| ${x.tags} | ${x.pages ?? 1} | ${ms(r.scan.medianFirstScanMs[i] ?? x.firstScanMs)} | ${ms(r.scan.medianRescanMs[i] ?? x.rescanMs)} | ${x.engineRssBeforeMiB} → ${r.scan.medianPeakRssMiB[i] ?? x.enginePeakRssMiB} MiB |`,
    ),
    '',
    '| files | markers | policy → automation pushed (clone, setters, commit, push) | the commit changed |',
    '|---|---|---|---|',
    ...(setters
      ? [
          `| ${setters.files} | ${setters.markers} | ${ms(r.setters.medianAutomationMs)} | ${setters.changedFiles} files, ${setters.changedLines} lines |`,
        ]
      : []),
    '',
  ];
}

/** SUMMARY.md from whichever scenario reports exist. Pure. */
export function summaryMarkdown(
  mttp: MttpReport | undefined,
  sources: SourcesReport | undefined,
  helm?: HelmReleaseReport,
  images?: ImagesReport,
): string {
  return [
    '# Benchmark results',
    '',
    ...(mttp ? mttpSection(mttp) : []),
    ...(sources ? sourcesSection(sources) : []),
    ...(helm ? helmReleaseSection(helm) : []),
    ...(images ? imagesSection(images) : []),
  ].join('\n');
}
