import type { EngineState } from '@tideline/core';

/** What `/readyz` looks at. */
export interface ReadinessInputs {
  /** The watch cache has listed every kind. */
  cacheSynced: boolean;
  /** The engine's state; undefined in observe mode (no engine). */
  engine?: EngineState;
  /** The process is shutting down: take it out of the Service before it stops answering. */
  stopping?: boolean;
}

/** One named check, as kube-apiserver's `/readyz?verbose` lists them. */
export interface ReadinessCheck {
  name: string;
  ok: boolean;
  message?: string;
}

/**
 * Ready when the caches are synced and the engine has reported leader or standby (a standby
 * replica is ready: it serves the dashboard and takes over when the leader goes). Pure.
 */
export function readinessChecks(inputs: ReadinessInputs): ReadinessCheck[] {
  const checks: ReadinessCheck[] = [
    inputs.cacheSynced
      ? { name: 'informers', ok: true }
      : { name: 'informers', ok: false, message: 'the watch cache has not synced yet' },
  ];
  if (inputs.engine) {
    checks.push(
      inputs.engine.phase === 'starting'
        ? { name: 'leader-election', ok: false, message: 'the engine has not reported leader or standby yet' }
        : { name: 'leader-election', ok: true, message: inputs.engine.phase },
    );
  }
  checks.push(
    inputs.stopping
      ? { name: 'shutdown', ok: false, message: 'shutting down' }
      : { name: 'shutdown', ok: true },
  );
  return checks;
}

/** The `/readyz` body in kube-apiserver's verbose format (`[+]name ok` / `[-]name failed: …`). Pure. */
export function readinessBody(checks: readonly ReadinessCheck[]): string {
  const lines = checks.map((c) =>
    c.ok ? `[+]${c.name} ok${c.message ? ` (${c.message})` : ''}` : `[-]${c.name} failed: ${c.message ?? ''}`,
  );
  const ready = checks.every((c) => c.ok);
  return `${lines.join('\n')}\n${ready ? 'readyz check passed' : 'readyz check failed'}\n`;
}
