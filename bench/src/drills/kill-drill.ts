import type { DrillWorld } from './drill-world.js';
import { findingCount, type Findings } from './invariants.js';
import { seededRandom } from './random.js';

/** Options of {@link runKillDrill}. */
export interface KillDrillOptions {
  kills: number;
  /** Each kill lands a random time in [min, max] after the previous restart and a new commit. */
  minKillMs: number;
  maxKillMs: number;
  seed: number;
  convergeTimeoutMs: number;
}

/** What a kill drill measured and found. */
export interface KillDrillResult {
  apps: number;
  helmReleases: number;
  kills: number;
  seed: number;
  /** Time from each restart (and commit) to its SIGKILL. */
  killPointsMs: number[];
  generations: number;
  /** From the last restart to every object applied at the last generation. */
  convergenceAfterLastRestartMs: number;
  findings: Findings;
  findingCount: number;
}

/**
 * kill -9 of the engine's process group `kills` times, each at a random point after a new
 * commit (and new values for half the releases) while the engine works on it, then a last
 * restart: the cluster must converge on the last generation with nothing orphaned, wrongly
 * pruned, duplicated or stuck.
 */
export async function runKillDrill(world: DrillWorld, options: KillDrillOptions): Promise<KillDrillResult> {
  const random = seededRandom(options.seed);
  const killPointsMs: number[] = [];
  let restarted = Date.now();
  for (let k = 0; k < options.kills; k++) {
    await world.advance();
    const after = Math.round(options.minKillMs + random() * (options.maxKillMs - options.minKillMs));
    await new Promise((r) => setTimeout(r, after));
    await world.engine.kill();
    killPointsMs.push(after);
    world.options.log(`  kill ${k + 1}/${options.kills} at +${after} ms (generation ${world.generation})`);
    restarted = Date.now();
    await world.engine.start();
  }
  await world.converged(options.convergeTimeoutMs);
  const convergenceAfterLastRestartMs = Date.now() - restarted;
  const findings = await world.check();
  return {
    apps: world.options.apps,
    helmReleases: world.options.helmReleases,
    kills: options.kills,
    seed: options.seed,
    killPointsMs,
    generations: world.generation,
    convergenceAfterLastRestartMs,
    findings,
    findingCount: findingCount(findings),
  };
}
