import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SandboxPeer } from '@tideline/sandbox';
import { describeMachine } from '../machine.js';
import { DrillWorld, type DrillWorldOptions } from './drill-world.js';
import { runKillDrill, type KillDrillResult } from './kill-drill.js';
import { runOutage, type OutageResult } from './outage-drill.js';

/** Options shared by the drill scenarios (`npm run bench -- --scenario drill-kill,drill-outage`). */
export interface DrillScenarioOptions extends Omit<DrillWorldOptions, 'apps' | 'helmReleases'> {
  apps: number;
  /** The share of the apps that are HelmReleases (the rest are Kustomizations). */
  helmShare: number;
  resultsDir: string;
}

function worldOptions(o: DrillScenarioOptions): DrillWorldOptions {
  const helmReleases = Math.round(o.apps * o.helmShare);
  return { ...o, apps: o.apps - helmReleases, helmReleases };
}

/** `drill-kill`: 20 (`kills`) SIGKILLs at random points, then the invariants; writes `drill-kill.json`. */
export async function runDrillKillScenario(
  o: DrillScenarioOptions & { kills: number; seed: number; minKillMs: number; maxKillMs: number },
): Promise<KillDrillResult> {
  const world = await DrillWorld.start(worldOptions(o));
  try {
    const t0 = Date.now();
    await world.converged(30 * 60_000);
    o.log(`  drill-kill: generation 0 converged in ${Date.now() - t0} ms`);
    const result = await runKillDrill(world, {
      kills: o.kills,
      minKillMs: o.minKillMs,
      maxKillMs: o.maxKillMs,
      seed: o.seed,
      convergeTimeoutMs: 30 * 60_000,
    });
    o.log(
      `  drill-kill: converged ${result.convergenceAfterLastRestartMs} ms after the last restart; findings ${result.findingCount}`,
    );
    write(o, 'drill-kill.json', { scenario: 'drill-kill', result });
    return result;
  } finally {
    await world.stop();
  }
}

/** `drill-outage`: each peer down for `outageSeconds` in turn, on one world; writes `drill-outage.json`. */
export async function runDrillOutageScenario(
  o: DrillScenarioOptions & { peers: SandboxPeer[]; outageMs: number },
): Promise<OutageResult[]> {
  const world = await DrillWorld.start(worldOptions(o));
  const results: OutageResult[] = [];
  try {
    await world.converged(30 * 60_000);
    for (const peer of o.peers) {
      results.push(await runOutage(world, peer, o.outageMs, 30 * 60_000));
      write(o, 'drill-outage.json', { scenario: 'drill-outage', outageMs: o.outageMs, results });
    }
    return results;
  } finally {
    await world.stop();
  }
}

function write(o: DrillScenarioOptions, file: string, body: Record<string, unknown>): void {
  const report = {
    ...body,
    date: new Date().toISOString(),
    machine: describeMachine(o.kubectlBin),
    apps: o.apps,
    helmShare: o.helmShare,
    concurrency: o.concurrency,
  };
  writeFileSync(join(o.resultsDir, file), `${JSON.stringify(report, null, 2)}\n`);
}
