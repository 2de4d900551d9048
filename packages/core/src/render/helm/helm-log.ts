/**
 * helm-controller's "Last Helm logs": the last 10 log lines of an action, each
 * `<RFC3339Nano time>: <message>: <attrs as JSON>`, repeated lines folded into one with a
 * count. The helm CLI prints the same slog records with `--debug` as text
 * (`level=DEBUG msg="..." key=value`); this turns them into Flux's lines. Pure.
 */

/** A stderr line and when it arrived (ms since epoch). */
export interface TimedLine {
  atMs: number;
  text: string;
}

/** Flux keeps this many lines. */
export const HELM_LOG_LINES = 10;

const TOKEN = /([A-Za-z0-9_.-]+)=("(?:[^"\\]|\\.)*"|\S*)/g;

/** A slog text record as `<message>: <attrs JSON>` (Flux's LogBuffer format), or undefined. Pure. */
export function slogToFlux(line: string): string | undefined {
  if (!line.startsWith('level=') && !line.startsWith('time=')) return undefined;
  const attrs: Record<string, string> = {};
  let message = '';
  let level = '';
  for (const match of line.matchAll(TOKEN)) {
    const key = match[1] ?? '';
    const raw = match[2] ?? '';
    const value = raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
    if (key === 'msg') message = value;
    else if (key === 'level') level = value;
    else if (key !== 'time') attrs[key] = value;
  }
  const prefix = level === 'ERROR' ? 'error: ' : level === 'WARN' ? 'warning: ' : '';
  const sorted = Object.fromEntries(Object.entries(attrs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${prefix}${message}: ${JSON.stringify(sorted)}`;
}

function rfc3339Nano(ms: number): string {
  // Go's RFC3339Nano drops trailing zeros of the fraction, and the fraction when it is zero.
  return new Date(ms)
    .toISOString()
    .replace(/\.(\d*?)0*Z$/, (_m, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}

/** Flux's ring buffer of the last lines, duplicates folded. Pure. */
export function lastHelmLogs(lines: readonly TimedLine[], size = HELM_LOG_LINES): string {
  interface Entry {
    at: number;
    last: number;
    msg: string;
    count: number;
  }
  const entries: Entry[] = [];
  for (const line of lines) {
    const msg = slogToFlux(line.text);
    if (msg === undefined) continue;
    const prev = entries[entries.length - 1];
    if (prev && prev.msg === msg) {
      prev.count += 1;
      prev.last = line.atMs;
    } else entries.push({ at: line.atMs, last: line.atMs, msg, count: 0 });
  }
  return entries
    .slice(-size)
    .map((e) => {
      let out = `${rfc3339Nano(e.at)}: ${e.msg}`;
      if (e.count > 0) out += `\n${rfc3339Nano(e.last)}: ${e.msg}`;
      if (e.count - 1 > 0) out += ` (${e.count - 1} duplicate ${e.count - 1 > 1 ? 'lines' : 'line'} omitted)`;
      return out;
    })
    .join('\n');
}

const CLI_PREFIXES =
  /^(INSTALLATION FAILED|UPGRADE FAILED|release test failed|failed to rollback|uninstallation completed with \d+ error\(s\)): /;

/**
 * The error the helm CLI printed (`Error: …` to the end), without the CLI's own prefixes, so
 * it reads as the SDK error Flux wraps. Undefined when there is none. Pure.
 */
export function helmError(stderr: string): string | undefined {
  const lines = stderr.split('\n');
  const start = lines.findIndex((l) => l.startsWith('Error: '));
  if (start < 0) return undefined;
  const text = [lines[start]?.slice('Error: '.length) ?? '', ...lines.slice(start + 1)]
    .filter((l) => !l.startsWith('level='))
    .join('\n')
    .trim();
  return text.replace(CLI_PREFIXES, '');
}
