/**
 * Errors say how to react: a stalling error is terminal until the spec changes; a waiting
 * error asks for a fixed requeue; anything else is transient and backs off exponentially.
 */
export class ReconcileError extends Error {
  constructor(
    message: string,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Terminal: retrying will not help until the object changes (Flux's Stalled). */
export class StallingError extends ReconcileError {}

/** Requeue after a fixed delay (Flux's RequeueAfter with a nil error). */
export class WaitingError extends ReconcileError {
  constructor(
    message: string,
    reason: string,
    readonly requeueAfterMs: number,
    options?: { cause?: unknown },
  ) {
    super(message, reason, options);
  }
}

/** The message of any thrown value. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
