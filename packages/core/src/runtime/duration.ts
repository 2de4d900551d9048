/**
 * Go `time.Duration` parsing and printing, so intervals read exactly as Flux prints them
 * (`10m0s`, `4m30s`, `176.163666ms`).
 */
const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses a Go duration string (`1h30m`, `500ms`, `1.5s`) into milliseconds; throws on bad input. */
export function parseDuration(text: string): number {
  const input = text.trim();
  if (input === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/y;
  let total = 0;
  let index = 0;
  while (index < input.length) {
    re.lastIndex = index;
    const match = re.exec(input);
    if (!match) throw new Error(`time: invalid duration "${text}"`);
    total += Number(match[1]) * (UNIT_MS[match[2] ?? ''] ?? 0);
    index = re.lastIndex;
  }
  if (index === 0) throw new Error(`time: invalid duration "${text}"`);
  return total;
}

/** Formats milliseconds the way Go's `Duration.String()` does. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const negative = ms < 0;
  const abs = Math.abs(ms);
  const sign = negative ? '-' : '';
  if (abs < 1) {
    const us = abs * 1000;
    return us < 1 ? `${sign}${trim(abs * 1e6)}ns` : `${sign}${trim(us)}µs`;
  }
  if (abs < 1000) return `${sign}${trim(abs)}ms`;
  const totalSeconds = abs / 1000;
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds - hours * 3600) / 60);
  const seconds = totalSeconds - hours * 3600 - minutes * 60;
  let out = sign;
  if (hours > 0) out += `${hours}h`;
  if (hours > 0 || minutes > 0) out += `${minutes}m`;
  return `${out}${trim(seconds)}s`;
}

function trim(value: number): string {
  // Go prints up to 9 fractional digits of the unit without trailing zeros.
  return Number(value.toFixed(9)).toString();
}

/** Flux's duration pattern for intervals (h allowed). */
export const INTERVAL_PATTERN = /^([0-9]+(\.[0-9]+)?(ms|s|m|h))+$/;
/** Flux's duration pattern for source timeouts (no h). */
export const TIMEOUT_PATTERN = /^([0-9]+(\.[0-9]+)?(ms|s|m))+$/;
