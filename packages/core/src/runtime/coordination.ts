import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { detectFluxControllers } from '../kube/flux-presence.js';
import { kubeLeaseLock } from '../kube/lease-lock.js';
import type { Resources } from '../kube/resources.js';
import type { Logger } from './controller.js';
import { LeaderElector } from './leader-elector.js';
import type { LeaseTiming } from './leader-election.js';
import { DEFAULT_LEASE_NAME } from './shard.js';
import { ReconcileGate, type EngineState, type Switchable } from './reconcile-gate.js';

/** Options of {@link startCoordination}; each default is documented beside it. */
export interface CoordinationOptions {
  /** Namespace of the leader Lease and of Flux's controllers (default `flux-system`). */
  namespace?: string;
  /** Lease name (default `tideline-engine-leader-election`). */
  leaseName?: string;
  /** This engine's identity in the Lease (default `<hostname>_<uuid>`, as controller-runtime). */
  identity?: string;
  /** Election timing (default controller-runtime's 15 s / 10 s / 2 s). */
  timing?: LeaseTiming;
  /** How often to look for Flux's controllers (default 5 s). */
  fluxCheckIntervalMs?: number;
  /** Told whenever the engine's state changes. */
  onState?(state: EngineState): void;
}

/** A new engine identity, `<hostname>_<uuid>` as controller-runtime's. */
export function engineIdentity(): string {
  return `${hostname()}_${randomUUID()}`;
}

/** The running coordination: the engine's state, and how to stop. */
export interface Coordination {
  state(): EngineState;
  stop(): Promise<void>;
}

/**
 * Makes an engine reconcile only while it leads and Flux does not: looks for Flux's
 * controllers once before anything runs, then every few seconds, and campaigns for the lease.
 */
export async function startCoordination(
  resources: Resources,
  target: Switchable,
  options: CoordinationOptions,
  log: Logger,
): Promise<Coordination> {
  const namespace = options.namespace ?? 'flux-system';
  let stopping = false;
  const gate = new ReconcileGate(target, (state) => {
    if (stopping) return;
    log('info', `engine ${state.phase}: ${state.message}`);
    options.onState?.(state);
  });
  await resources.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { fieldManager: 'tideline', force: false },
  );
  const lookForFlux = async (): Promise<void> => {
    try {
      const sightings = await detectFluxControllers(resources, namespace);
      await gate.setFluxControllers(sightings.map((s) => s.controller));
    } catch (error) {
      log('error', `looking for Flux's controllers failed: ${String(error)}`);
    }
  };
  await lookForFlux();
  const fluxTimer = setInterval(() => void lookForFlux(), options.fluxCheckIntervalMs ?? 5_000);
  const elector = new LeaderElector({
    lock: kubeLeaseLock(resources, namespace, options.leaseName ?? DEFAULT_LEASE_NAME),
    identity: options.identity ?? engineIdentity(),
    timing: options.timing,
    onChange: (leading) => void gate.setLeader(leading),
    onError: (error) => log('error', `leader election: ${String(error)}`),
  });
  await elector.start();
  await gate.announce();
  return {
    state: () => gate.state,
    stop: async () => {
      stopping = true;
      clearInterval(fluxTimer);
      await gate.setLeader(false);
      await elector.stop();
    },
  };
}
