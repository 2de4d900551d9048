import { execFileSync } from 'node:child_process';

/** `Chromium 1xx.…` of the browser the bench drives, or what it could not tell. */
export function chromiumVersion(): string {
  try {
    return execFileSync(process.env.CHROMIUM_BIN ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
    }).trim();
  } catch {
    return 'Chromium (version unknown)';
  }
}
