import { createHash } from 'node:crypto';
import { OciRegistryError } from './registry-error.js';

/** A response body read within a byte cap, with its sha256. */
export interface CappedBody {
  data: Buffer;
  /** `sha256:<hex>` of `data`. */
  digest: string;
}

/**
 * Reads a response body as a stream, hashing as it goes, and stops as soon as it passes
 * `maxBytes` (the connection is dropped, so an endless body costs at most the cap). The
 * caller's abort signal bounds the time.
 */
export async function readCappedBody(
  response: Response,
  maxBytes: number,
  what: string,
): Promise<CappedBody> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let size = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new OciRegistryError(`${what} exceeds the maximum of ${maxBytes} bytes`, 'limit');
      }
      hash.update(value);
      chunks.push(Buffer.from(value));
    }
  }
  return { data: Buffer.concat(chunks), digest: `sha256:${hash.digest('hex')}` };
}
