/**
 * The exit codes of `tideline` (documented in `tideline --help` and the README):
 * 0 success; 1 the operation failed (an object not found, a cluster that cannot be reached, a
 * reconciliation that failed) — and for `diff`, differences were found; 2 the command line is
 * wrong (unknown command, kind, flag or a missing argument) — and for `diff`, the diff failed.
 */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;

/** An error the CLI prints as one `✗ …` line before exiting with {@link exitCode}. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = ExitCode.failed,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** A wrong command line: unknown command, kind or flag, a missing or invalid argument. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.usage);
    this.name = 'UsageError';
  }
}
