import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describeMachine } from './machine.js';
import { runMttp, type MttpRun } from './scenarios/mttp.js';
import { formatSeconds, median } from './stats.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const RESULTS = join(ROOT, 'bench', 'results');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,500,1000' },
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '10' },
    'baseline-runs': { type: 'string', default: '1' },
  },
});
const kubectlBin = process.env.KUBECTL_BIN ?? join(ROOT, '.tools', 'bin', 'kubectl');
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);
const baselineRuns = Number(values['baseline-runs']);
const concurrency = Number(values.concurrency);
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const machine = describeMachine(kubectlBin);
const results: { apps: number; runs: MttpRun[]; medianMs: number; medianPeakRssMiB: number; medianBaselineMs?: number }[] = [];
for (const n of sizes) {
  const measured: MttpRun[] = [];
  for (let r = 0; r < runs; r++) measured.push(await runMttp(n, { kubectlBin, concurrency, baseline: r < baselineRuns, log }));
  const baselines = measured.flatMap((m) => (m.baselineMs === undefined ? [] : [m.baselineMs]));
  results.push({
    apps: n,
    runs: measured,
    medianMs: median(measured.map((m) => m.engineMs)),
    medianPeakRssMiB: median(measured.map((m) => m.enginePeakRssMiB)),
    medianBaselineMs: baselines.length > 0 ? median(baselines) : undefined,
  });
}

const report = { scenario: 'mttp', date: new Date().toISOString(), machine, concurrency, results };
writeFileSync(join(RESULTS, 'mttp.json'), `${JSON.stringify(report, null, 2)}\n`);
const flux: Record<number, string> = { 100: '26s / 134Mi', 500: '2m0s / 183Mi', 1000: '4m13s / 223Mi' };
const rows = results.map((r) => {
  const ratio = r.medianBaselineMs ? `${(r.medianBaselineMs / r.medianMs).toFixed(1)}×` : '—';
  return `| ${r.apps} | ${formatSeconds(r.medianMs)} | ${r.medianPeakRssMiB} MiB | ${r.medianBaselineMs ? formatSeconds(r.medianBaselineMs) : '—'} | ${ratio} | ${flux[r.apps] ?? '—'} |`;
});
const summary = [
  '# Benchmark results',
  '',
  `Measured ${report.date} on ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGiB} GiB, Node ${machine.node}, Kubernetes ${machine.kubernetes}, kubectl ${machine.kubectl}; engine concurrency ${concurrency}; median of ${runs} run(s) (baseline: ${baselineRuns}).`,
  '',
  '## Mean Time To Production (N Kustomizations from one GitRepository)',
  '',
  '| apps | Tideline: commit → all Ready | engine peak RSS | CI baseline (kustomize \\| kubectl apply --server-side, sequential) | baseline ÷ Tideline | Flux 2.9 (16-core runner, kind) |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
];
writeFileSync(join(RESULTS, 'SUMMARY.md'), summary.join('\n'));
log(summary.join('\n'));
