import type { EngineState } from '@tideline/core';
import type { SystemStatusDto } from '../api/dto.js';

/** The dashboard's system status while this server runs the engine. Pure. */
export function engineSystemStatus(state: EngineState): SystemStatusDto {
  return {
    mode: 'engine',
    phase: state.phase,
    message: state.message,
    fluxControllers: [...state.fluxControllers],
  };
}

/** The dashboard's system status in observe mode, from the Flux controllers seen at work. Pure. */
export function observeSystemStatus(fluxControllers: readonly string[], namespace: string): SystemStatusDto {
  return {
    mode: 'observe',
    phase: 'observing',
    fluxControllers: [...fluxControllers],
    message:
      fluxControllers.length > 0
        ? `Flux's controllers reconcile this cluster (${fluxControllers.join(', ')}); Tideline observes, and its actions are patches Flux acts on`
        : `observe mode, but no Flux controller is running in "${namespace}": nothing reconciles this cluster, so suspend, resume and reconcile will have no effect`,
  };
}
