/**
 * The flux CLI's log lines on stderr, glyph first: `►` action, `✚` generate, `◎` waiting,
 * `✔` success, `⚠️` warning, `✗` failure (fluxcd/flux2 `cmd/flux/log.go`).
 */
export interface Say {
  action(message: string): void;
  generate(message: string): void;
  waiting(message: string): void;
  success(message: string): void;
  warning(message: string): void;
  failure(message: string): void;
}

/** A {@link Say} writing to a stream (stderr by default). */
export function sayTo(write: (text: string) => void = (text) => void process.stderr.write(text)): Say {
  const line = (glyph: string) => (message: string) => write(`${glyph} ${message}\n`);
  return {
    action: line('►'),
    generate: line('✚'),
    waiting: line('◎'),
    success: line('✔'),
    warning: line('⚠️'),
    failure: line('✗'),
  };
}
