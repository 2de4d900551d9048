import { redactUrlCredentials, type LogLevel } from '@tideline/core';

/** Log encodings, as Flux's `--log-encoding` names them. */
export type LogFormat = 'json' | 'console';

/** One structured log record. */
export interface LogRecord {
  level: LogLevel;
  ts: Date;
  msg: string;
  fields?: Record<string, unknown>;
}

const LEVEL_RANK: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, error: 3 };

/** Whether a record at `level` is written when the threshold is `threshold`. Pure. */
export function levelEnabled(level: LogLevel, threshold: LogLevel): boolean {
  return LEVEL_RANK[level] >= LEVEL_RANK[threshold];
}

/** Field names whose values are credentials whatever they hold. */
const SECRET_KEY = /^(password|passwd|token|bearertoken|secret|authorization|cookie|privatekey|apikey)$/i;

/** A field value with credentials removed: URL userinfo redacted, secret-named keys masked. Pure. */
function redactValue(key: string, value: unknown, depth = 0): unknown {
  if (SECRET_KEY.test(key.replace(/[-_]/g, ''))) return '***';
  if (typeof value === 'string') return redactUrlCredentials(value);
  if (value instanceof Error) return redactUrlCredentials(value.message);
  if (depth < 4 && value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactValue(k, v, depth + 1)]),
    );
  }
  if (depth < 4 && Array.isArray(value)) return value.map((v) => redactValue('', v, depth + 1));
  return value;
}

/**
 * One log line as Flux's controllers write it (zap through controller-runtime): JSON with
 * `level` (lowercase), `ts` (ISO 8601, ms), `msg`, then the fields; or, for a terminal, zap's
 * console encoding: tab-separated time, capitalised level, message, and the fields as JSON.
 * Credentials never get through: URL userinfo is redacted in the message and every string
 * field, and fields named like credentials are masked. Pure.
 */
export function formatLogLine(record: LogRecord, format: LogFormat): string {
  const msg = redactUrlCredentials(record.msg);
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record.fields ?? {})) {
    if (value !== undefined && key !== 'level' && key !== 'ts' && key !== 'msg') {
      fields[key] = redactValue(key, value);
    }
  }
  const ts = record.ts.toISOString();
  if (format === 'json') return JSON.stringify({ level: record.level, ts, msg, ...fields });
  const rest = Object.keys(fields).length > 0 ? `\t${JSON.stringify(fields)}` : '';
  return `${ts}\t${record.level.toUpperCase()}\t${msg}${rest}`;
}
