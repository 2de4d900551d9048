import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tideline/sandbox';
import { ensureBuilt } from '../../../apps/server/bin/ensure-built.js';
import { DrillWorld, type DrillWorldOptions } from './drill-world.js';
import { startSseClients, type SseStats } from './sse-clients.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..', '..');

/** One probe line from inside the server process (see `loop-probe.mjs`). */
export interface ProbeSample {
  t: number;
  rssMiB: number;
  heapUsedMiB: number;
  loopMaxMs: number;
  loopP99Ms: number;
  loopMeanMs: number;
  /** The machine's 1-minute load average (absent in samples from before it was recorded). */
  load1?: number;
}

/** What the soak measured. */
export interface SoakResult {
  apps: number;
  minutes: number;
  warmupMinutes: number;
  commits: number;
  sse: SseStats;
  /** Mean RSS of the first three samples after warm-up, and of the last three. */
  rssAfterWarmupMiB: number;
  rssAtEndMiB: number;
  rssGrowthPercent: number;
  peakRssMiB: number;
  /** The longest event-loop delay any 10 s window saw, and when (minutes from the start). */
  longestStallMs: number;
  longestStallAtMinute: number;
  stallsOver200Ms: number;
  /** The goal's figures: the same, counting only the windows after warm-up. */
  afterWarmup: {
    longestStallMs: number;
    longestStallAtMinute: number;
    stallsOver200Ms: number;
    /** The highest and the median of the windows' p99 delay. */
    worstWindowP99Ms: number;
    medianWindowP99Ms: number;
    windows: number;
  };
  samples: ProbeSample[];
}

/** Options of {@link runSoak}. */
export interface SoakOptions extends Omit<DrillWorldOptions, 'helmReleases' | 'engineCommand'> {
  minutes: number;
  warmupMinutes: number;
  commitEveryMs: number;
  sseClients: number;
}

/**
 * The soak: the server (engine, API, SSE) in its own process with the event-loop probe
 * preloaded, N apps from one repository, a commit every minute and 100 live SSE clients, for
 * `minutes`. RSS and the loop's delay come from inside the process every 10 s.
 */
export async function runSoak(o: SoakOptions): Promise<SoakResult> {
  // Built here, not in the server process: a compile there would show as a stall of the server.
  ensureBuilt(['start']);
  const token = randomBytes(24).toString('hex');
  const port = await freePort();
  let probeFile = '';
  const world = await DrillWorld.start({
    ...o,
    helmReleases: 0,
    engineCommand: (sandbox, dir) => {
      probeFile = join(dir, 'probe.jsonl');
      return {
        argv: [
          ...profileFlags(),
          '--import',
          join(HERE, 'loop-probe.mjs'),
          join(ROOT, 'apps', 'server', 'bin', 'tideline.js'),
          'start',
          '--kubeconfig',
          sandbox.kubeconfigPath,
          '--no-demo',
          '--port',
          String(port),
          '--state-dir',
          join(dir, 'server-state'),
        ],
        env: {
          ...process.env,
          TIDELINE_ADMIN_TOKEN: token,
          TIDELINE_PROBE_FILE: probeFile,
          KUBECTL_BIN: o.kubectlBin,
          HELM_BIN: o.helmBin,
          NODE_ENV: 'production',
          TIDELINE_SKIP_BUILD: '1',
        },
        readyText: 'Tideline is running',
      };
    },
  });
  try {
    const sse = startSseClients(`http://127.0.0.1:${port}`, token, o.sseClients);
    const started = Date.now();
    let commits = 0;
    while (Date.now() - started < o.minutes * 60_000) {
      await new Promise((r) => setTimeout(r, o.commitEveryMs));
      await world.advance().catch((e: unknown) => o.log(`  soak: commit failed: ${String(e)}`));
      commits += 1;
      const last = readSamples(probeFile).at(-1);
      o.log(
        `  soak t=${Math.round((Date.now() - started) / 60_000)}m commits=${commits} ${JSON.stringify(last)}`,
      );
    }
    const sseStats = sse.stop();
    return summarise(readSamples(probeFile), { ...o, commits, sse: sseStats, started });
  } finally {
    await world.stop();
  }
}

/** `BENCH_CPU_PROFILE=<dir>` (as for the bench's engine): a V8 CPU profile of the server process. */
function profileFlags(): string[] {
  const dir = process.env.BENCH_CPU_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

function readSamples(file: string): ProbeSample[] {
  if (!file || !existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ProbeSample);
}

/** Growth after warm-up and the longest stall, from the probe's samples. Pure. */
export function summarise(
  samples: ProbeSample[],
  run: {
    apps: number;
    minutes: number;
    warmupMinutes: number;
    commits: number;
    sse: SseStats;
    started: number;
  },
): SoakResult {
  const mean = (xs: ProbeSample[]): number => xs.reduce((s, x) => s + x.rssMiB, 0) / Math.max(1, xs.length);
  const afterWarmup = samples.filter((s) => s.t - run.started >= run.warmupMinutes * 60_000);
  const rssAfterWarmupMiB = Math.round(mean(afterWarmup.slice(0, 3)));
  const rssAtEndMiB = Math.round(mean(afterWarmup.slice(-3)));
  const longest = longestOf(samples);
  const longestAfter = longestOf(afterWarmup);
  const p99s = afterWarmup.map((s) => s.loopP99Ms).sort((a, b) => a - b);
  const minuteOf = (s: ProbeSample | undefined): number =>
    s ? Math.round(((s.t - run.started) / 60_000) * 10) / 10 : 0;
  return {
    apps: run.apps,
    minutes: run.minutes,
    warmupMinutes: run.warmupMinutes,
    commits: run.commits,
    sse: run.sse,
    rssAfterWarmupMiB,
    rssAtEndMiB,
    rssGrowthPercent:
      Math.round(((rssAtEndMiB - rssAfterWarmupMiB) / Math.max(1, rssAfterWarmupMiB)) * 1000) / 10,
    peakRssMiB: Math.max(0, ...samples.map((s) => s.rssMiB)),
    longestStallMs: longest?.loopMaxMs ?? 0,
    longestStallAtMinute: minuteOf(longest),
    stallsOver200Ms: samples.filter((s) => s.loopMaxMs > 200).length,
    afterWarmup: {
      longestStallMs: longestAfter?.loopMaxMs ?? 0,
      longestStallAtMinute: minuteOf(longestAfter),
      stallsOver200Ms: afterWarmup.filter((s) => s.loopMaxMs > 200).length,
      worstWindowP99Ms: p99s.at(-1) ?? 0,
      medianWindowP99Ms: p99s[Math.floor(p99s.length / 2)] ?? 0,
      windows: afterWarmup.length,
    },
    samples,
  };
}

function longestOf(samples: ProbeSample[]): ProbeSample | undefined {
  return samples.reduce<ProbeSample | undefined>(
    (a, s) => (!a || s.loopMaxMs > a.loopMaxMs ? s : a),
    undefined,
  );
}
