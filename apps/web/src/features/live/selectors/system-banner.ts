import type { SystemStatusDto } from '@tideline/server';

/** What the banner above every page says, if anything. */
export interface SystemBanner {
  tone: 'warning' | 'info';
  title: string;
  message: string;
}

/**
 * The banner for a system status: a warning while Tideline's engine stands by or nothing
 * reconciles, a quiet note while it observes Flux, nothing while it reconciles. Pure.
 */
export function systemBanner(status: SystemStatusDto | undefined): SystemBanner | undefined {
  if (!status) return undefined;
  if (status.mode === 'engine' && status.phase === 'standby') {
    return {
      tone: 'warning',
      title: status.fluxControllers.length > 0 ? 'Flux is reconciling this cluster' : 'Standing by',
      message: status.message,
    };
  }
  if (status.mode === 'observe') {
    return status.fluxControllers.length > 0
      ? { tone: 'info', title: 'Observing Flux', message: status.message }
      : { tone: 'warning', title: 'Nothing reconciles this cluster', message: status.message };
  }
  return undefined;
}
