import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@tideline/sandbox';
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
  const longest = samples.reduce<ProbeSample | undefined>(
    (a, s) => (!a || s.loopMaxMs > a.loopMaxMs ? s : a),
    undefined,
  );
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
    longestStallAtMinute: longest ? Math.round(((longest.t - run.started) / 60_000) * 10) / 10 : 0,
    stallsOver200Ms: samples.filter((s) => s.loopMaxMs > 200).length,
    samples,
  };
}
