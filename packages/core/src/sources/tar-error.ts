/** What went wrong with an archive: its bytes are malformed, it is over a cap, or a path escapes. */
export type TarErrorKind = 'format' | 'limit' | 'path';

/**
 * The only error the tar and gzip readers throw. Callers map `kind` to their own reasons; the
 * message is safe to show (it names offsets and fields, never file contents).
 */
export class TarError extends Error {
  constructor(
    message: string,
    readonly kind: TarErrorKind,
  ) {
    super(message);
    this.name = 'TarError';
  }
}
