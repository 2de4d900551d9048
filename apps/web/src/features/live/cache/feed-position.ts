/** A live stream id (`<epoch>-<seq>`) split into the server process's epoch and the sequence number. */
export interface FeedPosition {
  epoch: string;
  seq: number;
}

/** Parses a stream id; undefined for anything else. Pure. */
export function feedPosition(id: string | undefined): FeedPosition | undefined {
  const match = /^([0-9a-z]+)-(\d+)$/.exec(id ?? '');
  if (!match?.[1] || !match[2]) return undefined;
  return { epoch: match[1], seq: Number(match[2]) };
}

/**
 * True when a batch ending at `batchId` may hold changes a list read at `cursor` lacks: same
 * server process and a later sequence. Ids from another process are "after" too (unknown order). Pure.
 */
export function isAfter(batchId: string | undefined, cursor: string | undefined): boolean {
  const batch = feedPosition(batchId);
  const list = feedPosition(cursor);
  if (!batch || !list || batch.epoch !== list.epoch) return true;
  return batch.seq > list.seq;
}
