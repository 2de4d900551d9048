import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DrillWorld } from './drill-world.js';
import { runKillDrill } from './kill-drill.js';
import { runOutage } from './outage-drill.js';

// The short version of the crash and outage drills (bench/README.md, "Drills"): 10 apps and 2
// HelmReleases, the engine in its own process killed with SIGKILL 3 times at random points,
// then a 10 s outage of the Git server and one of the API server. After each, the invariants:
// nothing orphaned, nothing wrongly pruned, nothing left unpruned, inventories exact, one
// deployed Helm release per HelmRelease and none pending.

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SEED = Number(process.env.DRILL_SEED ?? Date.now() % 100_000);
const NONE = { orphans: [], wrongPrunes: [], unpruned: [], inventoryMismatches: [], helmReleases: [] };
let world: DrillWorld;

beforeAll(async () => {
  world = await DrillWorld.start({
    apps: 10,
    helmReleases: 2,
    kubectlBin: process.env.KUBECTL_BIN ?? join(ROOT, '.tools', 'bin', 'kubectl'),
    helmBin: process.env.HELM_BIN ?? join(ROOT, '.tools', 'bin', 'helm'),
    concurrency: 4,
    log: (line) => void (process.env.DRILL_LOG && process.stderr.write(`${line}\n`)),
  });
  await world.converged(240_000);
});

afterAll(async () => {
  await world?.stop();
});

describe('crash and outage drills (short)', () => {
  it(`converges after 3 kill -9 at random points, nothing lost or doubled (seed ${SEED})`, async () => {
    const result = await runKillDrill(world, {
      kills: 3,
      minKillMs: 300,
      maxKillMs: 4000,
      seed: SEED,
      convergeTimeoutMs: 240_000,
    });
    expect(result.findings).toEqual(NONE);
  }, 600_000);

  it('keeps the last good state through a Git outage and picks up the commit made meanwhile', async () => {
    const result = await runOutage(world, 'git', 10_000, 240_000);
    expect(result.readyDuring).toMatchObject({
      kind: 'GitRepository',
      status: 'False',
      reason: 'GitOperationFailed',
    });
    expect(result.findingsDuring).toBe(0);
    expect(result.findings).toEqual(NONE);
  }, 600_000);

  it('recovers from an API server outage mid-reconcile without a restart', async () => {
    const result = await runOutage(world, 'kube-apiserver', 10_000, 240_000);
    expect(result.findings).toEqual(NONE);
  }, 600_000);
});
