// Runs a command (argv, no shell) with the telemetry opt-outs, inheriting stdio.
import { spawnSync } from 'node:child_process';

export const QUIET_ENV = { NEXT_TELEMETRY_DISABLED: '1', TURBO_TELEMETRY_DISABLED: '1' };

/** Runs `command args…` in `cwd`; exits this process with its code when it fails. */
export function run(command, args, { cwd, env = {} } = {}) {
  console.log(`› ${command} ${args.join(' ')}`);
  const res = spawnSync(command, args, {
    cwd,
    stdio: 'inherit',
    env: { ...process.env, ...QUIET_ENV, ...env },
  });
  if (res.status !== 0) {
    console.error(`✗ ${command} ${args.join(' ')} failed (${res.status ?? res.signal})`);
    process.exit(res.status ?? 1);
  }
}
