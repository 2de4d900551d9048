import { redactUrlCredentials, type Logger, type LogLevel } from '@tideline/core';
import { formatLogLine, levelEnabled, type LogFormat } from './log-line.js';

/** The server's two kinds of output: structured records, and start-up progress lines. */
export interface ServerLogger {
  /** Structured records (the engine's logger); filtered by `--log-level`. */
  log: Logger;
  /**
   * A start-up or shutdown progress line (`► starting the sandbox`, `✔ engine started`): printed
   * as written on a terminal, as an info record in JSON.
   */
  line(text: string): void;
}

/** Options for {@link createServerLogger}. */
export interface ServerLoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Where lines go (stderr in the server; a buffer in tests). */
  write(line: string): void;
  now?: () => Date;
}

/** A logger writing one line per record in the chosen format. */
export function createServerLogger(options: ServerLoggerOptions): ServerLogger {
  const now = options.now ?? (() => new Date());
  const log: Logger = (level, msg, fields) => {
    if (!levelEnabled(level, options.level)) return;
    options.write(formatLogLine({ level, ts: now(), msg, fields }, options.format));
  };
  return {
    log,
    line: (text) => {
      if (!levelEnabled('info', options.level)) return;
      if (options.format === 'console') options.write(redactUrlCredentials(text));
      else if (text.trim() !== '') log('info', text.trim());
    },
  };
}
