import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { SandboxPeer } from '@tideline/sandbox';
import { runDrillKillScenario, runDrillOutageScenario } from './drills/drill-scenarios.js';
import { runSoak } from './drills/soak.js';
import { describeMachine } from './machine.js';
import { runHelmReleases, type HelmReleaseRun } from './scenarios/helmrelease.js';
import {
  runImageLoop,
  runImageScan,
  runImageSetters,
  type LoopMode,
  type LoopRun,
  type ScanRun,
  type SettersRun,
} from './scenarios/images.js';
import { runMttp, type MttpRun } from './scenarios/mttp.js';
import { runSources, type SourcesRun } from './scenarios/sources.js';
import { runGraphLayouts } from './scenarios/graph-layouts.js';
import { runUiGraph } from './scenarios/ui-graph.js';
import { runUi } from './scenarios/ui/ui.js';
import { chromiumVersion } from './scenarios/ui/chromium-version.js';
import { uiSection, type UiReport } from './scenarios/ui/ui-summary.js';
import { median } from './stats.js';
import {
  summaryMarkdown,
  type HelmReleaseReport,
  type ImagesReport,
  type MttpReport,
  type SourcesReport,
} from './summary.js';
import { uiGraphReport, type GraphLayoutsReport, type UiGraphReport } from './ui-graph-summary.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS = join(ROOT, 'bench', 'results');

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'all' },
    sizes: { type: 'string' },
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '10' },
    'baseline-runs': { type: 'string', default: '1' },
    'ui-objects': { type: 'string', default: '5000,10000' },
    'sse-clients': { type: 'string', default: '1000' },
    events: { type: 'string', default: '100000' },
    pushes: { type: 'string', default: '20' },
    tags: { type: 'string', default: '10000' },
    'loop-modes': { type: 'string', default: 'requested,interval' },
    'graph-baseline': { type: 'boolean', default: false },
    apps: { type: 'string', default: '200' },
    'helm-share': { type: 'string', default: '0.1' },
    kills: { type: 'string', default: '20' },
    seed: { type: 'string' },
    'outage-seconds': { type: 'string', default: '60' },
    peers: { type: 'string', default: 'git,charts,kube-apiserver,etcd' },
    minutes: { type: 'string', default: '10' },
    'soak-sse-clients': { type: 'string', default: '100' },
  },
});
const kubectlBin = process.env.KUBECTL_BIN ?? join(ROOT, '.tools', 'bin', 'kubectl');
const helmBin = process.env.HELM_BIN ?? join(ROOT, '.tools', 'bin', 'helm');
const runs = Number(values.runs);
const baselineRuns = Number(values['baseline-runs']);
const concurrency = Number(values.concurrency);
const scenarios =
  values.scenario === 'all' ? ['mttp', 'sources', 'helmrelease', 'images'] : values.scenario.split(',');
const sizesFor = (fallback: string): number[] => (values.sizes ?? fallback).split(',').map(Number);
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const machine = describeMachine(kubectlBin);

if (scenarios.includes('mttp')) {
  const results: MttpReport['results'] = [];
  for (const n of sizesFor('100,500,1000')) {
    const measured: MttpRun[] = [];
    for (let r = 0; r < runs; r++)
      measured.push(await runMttp(n, { kubectlBin, concurrency, baseline: r < baselineRuns, log }));
    const baselines = measured.flatMap((m) => (m.baselineMs === undefined ? [] : [m.baselineMs]));
    results.push({
      apps: n,
      runs: measured,
      medianMs: median(measured.map((m) => m.engineMs)),
      medianPeakRssMiB: median(measured.map((m) => m.enginePeakRssMiB)),
      medianBaselineMs: baselines.length > 0 ? median(baselines) : undefined,
    });
  }
  const report: MttpReport = {
    scenario: 'mttp',
    date: new Date().toISOString(),
    machine,
    concurrency,
    runs,
    baselineRuns,
    results,
  };
  writeFileSync(join(RESULTS, 'mttp.json'), `${JSON.stringify(report, null, 2)}\n`);
}

if (scenarios.includes('sources')) {
  const results: SourcesReport['results'] = [];
  for (const n of sizesFor('1000')) {
    const measured: SourcesRun[] = [];
    for (let r = 0; r < runs; r++) measured.push(await runSources(n, { kubectlBin, concurrency, log }));
    results.push({
      repositories: n,
      runs: measured,
      medianReadyMs: median(measured.map((m) => m.readyMs)),
      medianRecheckMs: median(measured.map((m) => m.recheckMs)),
      medianRecheckCpuMsPerCheck: median(measured.map((m) => m.recheckCpuMsPerCheck)),
      medianPeakRssMiB: median(measured.map((m) => m.enginePeakRssMiB)),
    });
  }
  const report: SourcesReport = {
    scenario: 'sources',
    date: new Date().toISOString(),
    machine,
    concurrency,
    runs,
    results,
  };
  writeFileSync(join(RESULTS, 'sources.json'), `${JSON.stringify(report, null, 2)}\n`);
}

if (scenarios.includes('ui')) {
  const [overviewObjects = 5000, scrollObjects = 10_000] = (values['ui-objects'] ?? '')
    .split(',')
    .map(Number);
  const result = await runUi({
    overviewObjects,
    scrollObjects,
    runs,
    sseClients: Number(values['sse-clients']),
    events: Number(values.events),
    log,
  });
  const report: UiReport = {
    scenario: 'ui',
    date: new Date().toISOString(),
    machine,
    chromium: chromiumVersion(),
    runs,
    result,
  };
  writeFileSync(join(RESULTS, 'ui.json'), `${JSON.stringify(report, null, 2)}\n`);
}

if (scenarios.includes('helmrelease')) {
  const results: HelmReleaseReport['results'] = [];
  for (const n of sizesFor('100,500,1000')) {
    const measured: HelmReleaseRun[] = [];
    for (let r = 0; r < runs; r++)
      measured.push(
        await runHelmReleases(n, { kubectlBin, helmBin, concurrency, baseline: r < baselineRuns, log }),
      );
    const baselines = measured.flatMap((m) => (m.baselineMs === undefined ? [] : [m.baselineMs]));
    results.push({
      releases: n,
      runs: measured,
      medianMs: median(measured.map((m) => m.engineMs)),
      medianPeakRssMiB: median(measured.map((m) => m.enginePeakRssMiB)),
      medianPeakHelm: median(measured.map((m) => m.peakHelmProcesses)),
      medianBaselineMs: baselines.length > 0 ? median(baselines) : undefined,
    });
  }
  const report: HelmReleaseReport = {
    scenario: 'helmrelease',
    date: new Date().toISOString(),
    machine,
    concurrency,
    runs,
    baselineRuns,
    results,
  };
  writeFileSync(join(RESULTS, 'helmrelease.json'), `${JSON.stringify(report, null, 2)}\n`);
}

if (scenarios.includes('images')) {
  const options = { kubectlBin, concurrency, log };
  const pushes = Number(values.pushes);
  const loop: ImagesReport['loop'] = [];
  for (const mode of values['loop-modes'].split(',') as LoopMode[]) {
    // The 1m-interval loop waits up to a minute per push: once is enough (20 pushes ≈ 20 min).
    const measured: LoopRun[] = [];
    for (let r = 0; r < (mode === 'interval' ? 1 : runs); r++)
      measured.push(await runImageLoop(mode, pushes, options));
    loop.push({
      mode,
      pushes,
      runs: measured,
      medianP50Ms: median(measured.map((m) => m.p50Ms)),
      medianP95Ms: median(measured.map((m) => m.p95Ms)),
      medianP50AfterScanMs: median(measured.map((m) => m.p50AfterScanMs)),
      medianP95AfterScanMs: median(measured.map((m) => m.p95AfterScanMs)),
      medianSteps: {
        scanMs: median(measured.map((m) => m.medianSteps.scanMs)),
        policyMs: median(measured.map((m) => m.medianSteps.policyMs)),
        commitMs: median(measured.map((m) => m.medianSteps.commitMs)),
        sourceMs: median(measured.map((m) => m.medianSteps.sourceMs)),
        deploymentMs: median(measured.map((m) => m.medianSteps.deploymentMs)),
        podsMs: median(measured.map((m) => m.medianSteps.podsMs)),
      },
    });
  }
  const scans: ScanRun[][] = [];
  for (let r = 0; r < runs; r++) scans.push(await runImageScan(Number(values.tags), options));
  const column = (pick: (s: ScanRun) => number): number[] =>
    (scans[0] ?? []).map((_, i) => median(scans.map((run) => pick((run[i] ?? run[0]) as ScanRun))));
  const setters: SettersRun[] = [];
  for (let r = 0; r < runs; r++) setters.push(await runImageSetters(200, 500, options));
  const report: ImagesReport = {
    scenario: 'images',
    date: new Date().toISOString(),
    machine,
    concurrency,
    runs,
    loop,
    scan: {
      runs: scans,
      medianFirstScanMs: column((s) => s.firstScanMs),
      medianRescanMs: column((s) => s.rescanMs),
      medianPeakRssMiB: column((s) => s.enginePeakRssMiB),
    },
    setters: { runs: setters, medianAutomationMs: median(setters.map((s) => s.automationMs)) },
  };
  writeFileSync(join(RESULTS, 'images.json'), `${JSON.stringify(report, null, 2)}\n`);
}

if (scenarios.includes('graph-layouts')) {
  const results = await runGraphLayouts(sizesFor('25,50,100,200'), runs, log);
  const report: GraphLayoutsReport = {
    scenario: 'graph-layouts',
    date: new Date().toISOString(),
    machine,
    runs,
    results,
  };
  writeFileSync(join(RESULTS, 'graph-layouts.json'), `${JSON.stringify(report, null, 2)}\n`);
}

if (scenarios.includes('ui-graph')) {
  const results: UiGraphReport['results'] = [];
  for (const n of sizesFor('1000')) {
    const measured = await runUiGraph(n, { runs, baseline: values['graph-baseline'], log });
    results.push(uiGraphReport(n, measured.runs, measured.allNodes));
  }
  const report: UiGraphReport = {
    scenario: 'ui-graph',
    date: new Date().toISOString(),
    machine,
    runs,
    results,
  };
  writeFileSync(join(RESULTS, 'ui-graph.json'), `${JSON.stringify(report, null, 2)}\n`);
}

const drillOptions = {
  apps: Number(values.apps),
  helmShare: Number(values['helm-share']),
  kubectlBin,
  helmBin,
  concurrency,
  resultsDir: RESULTS,
  log,
};
if (scenarios.includes('drill-kill'))
  await runDrillKillScenario({
    ...drillOptions,
    kills: Number(values.kills),
    seed: Number(values.seed ?? Date.now() % 100_000),
    minKillMs: 500,
    maxKillMs: 15_000,
  });
if (scenarios.includes('drill-outage'))
  await runDrillOutageScenario({
    ...drillOptions,
    peers: values.peers.split(',') as SandboxPeer[],
    outageMs: Number(values['outage-seconds']) * 1000,
  });

if (scenarios.includes('soak')) {
  const minutes = Number(values.minutes);
  const result = await runSoak({
    ...drillOptions,
    apps: Number(values.apps),
    minutes,
    warmupMinutes: Math.max(2, minutes / 6),
    commitEveryMs: 60_000,
    sseClients: Number(values['soak-sse-clients']),
  });
  log(`  soak: ${JSON.stringify({ ...result, samples: result.samples.length })}`);
  writeFileSync(
    join(RESULTS, 'soak.json'),
    `${JSON.stringify({ scenario: 'soak', date: new Date().toISOString(), machine, result }, null, 2)}\n`,
  );
}

// The summary covers every scenario with results on disk, so running one keeps the others.
const read = <T>(name: string): T | undefined =>
  existsSync(join(RESULTS, name)) ? (JSON.parse(readFileSync(join(RESULTS, name), 'utf8')) as T) : undefined;
const ui = read<UiReport>('ui.json');
const summary = [
  summaryMarkdown(
    read<MttpReport>('mttp.json'),
    read<SourcesReport>('sources.json'),
    read<HelmReleaseReport>('helmrelease.json'),
    read<ImagesReport>('images.json'),
    read<UiGraphReport>('ui-graph.json'),
    read<GraphLayoutsReport>('graph-layouts.json'),
  ),
  ...(ui ? uiSection(ui) : []),
].join('\n');
writeFileSync(join(RESULTS, 'SUMMARY.md'), summary);
log(summary);
