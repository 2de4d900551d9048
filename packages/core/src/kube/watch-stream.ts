/** One line of a watch stream. */
export interface WatchEvent<T> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: T;
}

/**
 * Splits a watch response (newline-delimited JSON) into events. Pure over its input chunks:
 * feed chunks with {@link push}; complete lines come back parsed.
 */
export class WatchLineDecoder<T> {
  private buffer = '';

  /** Adds a chunk and returns the events completed by it. */
  push(chunk: string): WatchEvent<T>[] {
    this.buffer += chunk;
    const events: WatchEvent<T>[] = [];
    let newline = this.buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.buffer.slice(0, newline).trim();
      this.buffer = this.buffer.slice(newline + 1);
      if (line) events.push(JSON.parse(line) as WatchEvent<T>);
      newline = this.buffer.indexOf('\n');
    }
    return events;
  }
}
