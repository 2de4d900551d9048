import type { KubeObject } from '@tideline/core';
import type { SandboxPeer } from '@tideline/sandbox';
import type { DrillWorld } from './drill-world.js';
import { findingCount, type Findings } from './invariants.js';

/** What one outage drill saw. */
export interface OutageResult {
  peer: SandboxPeer;
  outageMs: number;
  /** The Ready condition the source facing the peer showed during the outage (when readable). */
  readyDuring?: { kind: string; name: string; status: string; reason: string; message: string };
  /** Findings checked during the outage against the last applied generation (nothing pruned). */
  findingsDuring?: number;
  /** From the peer serving again to every object Ready at the last generation, sources included. */
  recoveryMs: number;
  findings: Findings;
  findingCount: number;
}

type Conditioned = KubeObject & {
  status?: { conditions?: { type: string; status: string; reason: string; message: string }[] };
};

const SOURCE_API = 'source.toolkit.fluxcd.io/v1';
/** The source object each peer's outage shows on (the API server and etcd show on nothing). */
const FACING: Partial<Record<SandboxPeer, { kind: string; name: string }>> = {
  git: { kind: 'GitRepository', name: 'drill' },
  charts: { kind: 'HelmRepository', name: 'podinfo' },
};

interface ReadyCondition {
  status: string;
  reason: string;
  message: string;
}

async function readyOf(world: DrillWorld, kind: string, name: string): Promise<ReadyCondition | undefined> {
  const o = await world.resources.get<Conditioned>({
    apiVersion: SOURCE_API,
    kind,
    namespace: 'flux-system',
    name,
  });
  return o?.status?.conditions?.find((c) => c.type === 'Ready');
}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined;
}

/**
 * Takes `peer` down for `outageMs` while the engine works and brings it back on the same port.
 * Git, chart repository: a reconcile is requested during the outage, so the source shows the
 * failure; a new generation is committed meanwhile (to the bare repository on disk when Git is
 * down) and must be picked up by the engine's own retries. API server, etcd: the outage starts a
 * second after a new commit, mid-reconcile. Recovery is measured from the peer's return.
 */
export async function runOutage(
  world: DrillWorld,
  peer: SandboxPeer,
  outageMs: number,
  timeoutMs: number,
): Promise<OutageResult> {
  const log = world.options.log;
  const apiDown = peer === 'kube-apiserver' || peer === 'etcd';
  if (apiDown) {
    await world.advance();
    await new Promise((r) => setTimeout(r, 1000));
  }
  const started = Date.now();
  await world.sandbox.stopPeer(peer);
  log(`  ${peer} down`);
  let readyDuring: OutageResult['readyDuring'];
  let findingsDuring: number | undefined;
  const facing = FACING[peer];
  if (facing) {
    await world.requestReconcile(SOURCE_API, facing.kind, 'flux-system', facing.name);
    const ready = await until(async () => {
      const r = await readyOf(world, facing.kind, facing.name);
      return r?.status === 'False' ? r : undefined;
    }, outageMs / 2);
    if (ready) readyDuring = { ...facing, ...ready };
    // Nothing the last good artifact applied may go while the peer is away.
    findingsDuring = findingCount(await world.check());
    await world.advance({ viaDisk: peer === 'git', request: false });
  }
  await new Promise((r) => setTimeout(r, Math.max(0, outageMs - (Date.now() - started))));
  await world.sandbox.startPeer(peer);
  const back = Date.now();
  log(`  ${peer} back after ${back - started} ms`);
  await world.converged(timeoutMs);
  for (const f of Object.values(FACING))
    await until(
      async () => ((await readyOf(world, f.kind, f.name))?.status === 'True' ? true : undefined),
      timeoutMs,
    );
  const recoveryMs = Date.now() - back;
  const findings = await world.check();
  log(`  ${peer}: recovered ${recoveryMs} ms after its return; findings ${findingCount(findings)}`);
  return {
    peer,
    outageMs: back - started,
    readyDuring,
    findingsDuring,
    recoveryMs,
    findings,
    findingCount: findingCount(findings),
  };
}
