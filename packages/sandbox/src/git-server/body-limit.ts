import { Transform, type TransformCallback } from 'node:stream';

/** A request body went over the server's size cap. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** A pass-through stream that fails with {@link BodyTooLargeError} once more than `maxBytes` flow through. */
export class BodyLimit extends Transform {
  private seen = 0;

  constructor(private readonly maxBytes: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes) {
      callback(new BodyTooLargeError(`request body exceeds ${this.maxBytes} bytes`));
      return;
    }
    callback(null, chunk);
  }
}
