import type { EngineOptions } from '../engine-options.js';
import type { CachedReader } from '../kube/cached-reader.js';
import type { Resources } from '../kube/resources.js';
import type { Logger } from '../runtime/controller.js';
import type { EventRecorder } from '../runtime/event-recorder.js';
import type { Manager } from '../runtime/manager.js';
import type { ArtifactStore } from '../sources/artifact-store.js';

/** What the engine shares with every kind's controller. */
export interface EngineServices {
  resources: Resources;
  /** Reads from the manager's informer caches (live for kinds nobody watches). */
  reader: CachedReader;
  store: ArtifactStore;
  /** Scratch space for checkouts and builds. */
  workDir: string;
  /**
   * An event recorder whose events carry `component` (the Flux controller's name); its events
   * also go to the notification dispatcher unless `forward` is false (notification-controller's own).
   */
  recorder(component: string, options?: { forward?: boolean }): EventRecorder;
  log: Logger;
}

/** The manager the engine hands to each kind. */
export type EngineManager = Manager<EngineServices>;

/**
 * A kind's registration: builds its reconciler from the shared services and its own part of
 * the options, and adds it to the manager with its watches. Each `controllers/<kind>/register.ts`
 * exports one; `engine.ts` composes them.
 */
export type RegisterKind = (manager: EngineManager, options: EngineOptions) => void;
