import { gunzipSync } from 'node:zlib';
import { TarError } from './tar-error.js';

/**
 * Decompresses gzip data (every member, as Go's multistream reader does) into at most `maxBytes`.
 * zlib stops at the cap, so memory stays bounded whatever the ratio (a "zip bomb" ends here).
 * Throws {@link TarError}: kind `limit` over the cap, `format` for anything that is not intact gzip.
 * Pure.
 */
export function gunzipCapped(gz: Buffer, maxBytes: number): Buffer {
  try {
    return gunzipSync(gz, { maxOutputLength: Math.max(1, maxBytes) });
  } catch (error) {
    if (error instanceof RangeError)
      throw new TarError(`gzip data expands beyond ${maxBytes} bytes`, 'limit');
    throw new TarError((error as Error).message, 'format');
  }
}
