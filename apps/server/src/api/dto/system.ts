import type { EventDto } from './events.js';
import type { FluxObjectSummary } from './objects.js';

/** Who reconciles the cluster the dashboard shows, and what Tideline's engine is doing. */
export interface SystemStatusDto {
  /** `engine`: Tideline's engine runs in this server; `observe`: it only watches (`--observe`). */
  mode: 'engine' | 'observe';
  /** `active`: Tideline reconciles; `standby`: its engine waits (Flux runs, or another engine leads). */
  phase: 'starting' | 'active' | 'standby' | 'observing';
  /** What is going on, in words a user can act on. */
  message: string;
  /** Flux's controllers seen at work in the cluster. */
  fluxControllers: string[];
}

/** What the live stream yields. */
export type StreamMessage =
  | { type: 'object'; object: FluxObjectSummary }
  | { type: 'deleted'; id: string }
  | { type: 'event'; event: EventDto }
  | { type: 'system'; status: SystemStatusDto };
