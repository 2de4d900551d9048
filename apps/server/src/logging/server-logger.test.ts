import { describe, expect, it } from 'vitest';
import { createServerLogger } from './server-logger.js';

const ts = new Date('2026-03-01T10:00:00.000Z');

function capture(
  level: 'trace' | 'debug' | 'info' | 'error',
  format: 'json' | 'console',
): {
  lines: string[];
  logger: ReturnType<typeof createServerLogger>;
} {
  const lines: string[] = [];
  return { lines, logger: createServerLogger({ level, format, write: (l) => lines.push(l), now: () => ts }) };
}

describe('createServerLogger', () => {
  it('filters by level', () => {
    const { lines, logger } = capture('info', 'json');
    logger.log('debug', 'hidden');
    logger.log('trace', 'hidden');
    logger.log('info', 'shown');
    logger.log('error', 'shown too');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['shown', 'shown too']);
  });

  it('prints progress lines as written on a terminal, and as info records in JSON', () => {
    const terminal = capture('info', 'console');
    terminal.logger.line('✔ demo repository http://u:p@127.0.0.1:1/r.git bootstrapped');
    expect(terminal.lines).toEqual(['✔ demo repository http://***@127.0.0.1:1/r.git bootstrapped']);
    const json = capture('info', 'json');
    json.logger.line('  ✔ engine started');
    json.logger.line('');
    expect(json.lines).toEqual(['{"level":"info","ts":"2026-03-01T10:00:00.000Z","msg":"✔ engine started"}']);
  });

  it('keeps progress lines out at --log-level error', () => {
    const { lines, logger } = capture('error', 'console');
    logger.line('► starting');
    logger.log('error', 'Reconciler error', { error: 'x' });
    expect(lines).toEqual(['2026-03-01T10:00:00.000Z\tERROR\tReconciler error\t{"error":"x"}']);
  });
});
