/**
 * Whether this engine reconciles: only while it holds the leader lease and no Flux controller is
 * at work in the cluster. The pure decision, and a small shell that applies it to a manager one
 * transition at a time.
 */

/** What the engine is doing, for logs and the dashboard. */
export interface EngineState {
  /** `active`: reconciling; `standby`: watching only. */
  phase: 'starting' | 'active' | 'standby';
  /** Why, in words a user can act on. */
  message: string;
  leader: boolean;
  /** The Flux controllers seen at work (empty when none). */
  fluxControllers: string[];
}

/** The engine's state from its leadership and the Flux controllers seen. Pure. */
export function engineState(leader: boolean, fluxControllers: readonly string[]): EngineState {
  if (fluxControllers.length > 0) {
    return {
      phase: 'standby',
      leader,
      fluxControllers: [...fluxControllers],
      message:
        `Flux's controllers are reconciling this cluster (${fluxControllers.join(', ')}): Tideline stands by ` +
        'and reconciles nothing. Run `tideline start --observe` to watch Flux, or scale Flux to zero to hand over.',
    };
  }
  if (!leader) {
    return {
      phase: 'standby',
      leader,
      fluxControllers: [],
      message: 'another Tideline engine holds the leader lease: this one stands by until it goes away',
    };
  }
  return { phase: 'active', leader, fluxControllers: [], message: 'reconciling as the leader' };
}

/** What the gate switches. */
export interface Switchable {
  activate(): void;
  deactivate(): Promise<void>;
}

/** Applies {@link engineState} to a manager as leadership and Flux sightings change. */
export class ReconcileGate {
  private leader = false;
  private flux: string[] = [];
  private current: EngineState = {
    phase: 'starting',
    message: 'starting',
    leader: false,
    fluxControllers: [],
  };
  private chain: Promise<void> = Promise.resolve();
  private announcing = false;

  constructor(
    private readonly target: Switchable,
    private readonly onState: (state: EngineState) => void,
  ) {}

  /** The engine's state now. */
  get state(): EngineState {
    return this.current;
  }

  /**
   * Starts telling the state (once both inputs are known, so a starting engine is not reported
   * as standing by for the moment before its first election round), and tells it now.
   */
  async announce(): Promise<void> {
    await this.chain;
    this.announcing = true;
    this.onState(this.current);
  }

  /** Leadership changed. */
  setLeader(leader: boolean): Promise<void> {
    this.leader = leader;
    return this.update();
  }

  /** The Flux controllers seen at work changed. */
  setFluxControllers(controllers: readonly string[]): Promise<void> {
    this.flux = [...controllers].sort();
    return this.update();
  }

  private update(): Promise<void> {
    this.chain = this.chain.then(async () => {
      const next = engineState(this.leader, this.flux);
      if (next.phase === 'active' && this.current.phase !== 'active') this.target.activate();
      if (next.phase !== 'active' && this.current.phase === 'active') await this.target.deactivate();
      const changed = next.message !== this.current.message;
      this.current = next;
      if (changed && this.announcing) this.onState(next);
    });
    return this.chain;
  }
}
