/** Flux's `--artifact-retention-*` flags. */
export interface RetentionPolicy {
  /** `--artifact-retention-records`: how many artifacts of one object to keep (default 2). */
  records: number;
  /** `--artifact-retention-ttl`: older artifacts than this are garbage (default 60 s). */
  ttlMs: number;
}

/** Flux's defaults: keep 2 records, collect what is older than a minute. */
export const DEFAULT_RETENTION: RetentionPolicy = { records: 2, ttlMs: 60_000 };

/** One file in an object's artifact folder. */
export interface StoredFile {
  path: string;
  modifiedMs: number;
}

/**
 * Which files to delete, as fluxcd/pkg `Storage.GetGarbageFiles` decides: every file but the
 * current artifact whose age exceeds the TTL; then, if at least `records` files would remain,
 * the oldest others until `records` remain. After a TTL sweep Flux's loop counts each file it
 * collects twice, so it may keep one more than `records`; we keep that quirk. Lock files are
 * never candidates. Pure.
 */
export function garbageFiles(
  files: readonly StoredFile[],
  current: string,
  policy: RetentionPolicy,
  nowMs: number,
): string[] {
  const candidates = files.filter((f) => !f.path.endsWith('.lock'));
  const garbage = candidates
    .filter((f) => f.path !== current && nowMs - f.modifiedMs > policy.ttlMs)
    .map((f) => f.path);
  if (candidates.length - garbage.length < policy.records) return garbage;
  // Oldest first; Flux keys by timestamp, so equal times collapse to the last file seen.
  const byTime = new Map<number, string>();
  for (const f of candidates) byTime.set(f.modifiedMs, f.path);
  const sorted = candidates
    .map((f) => f.modifiedMs)
    .sort((a, b) => a - b)
    .map((t) => byTime.get(t) ?? '');
  const expired = garbage.length;
  let collected = 0;
  for (const path of sorted) {
    if (path === current || garbage.includes(path)) continue;
    const remaining = expired > 0 ? sorted.length - collected - garbage.length : sorted.length - collected;
    if (remaining > policy.records) {
      garbage.push(path);
      collected += 1;
    }
  }
  return garbage;
}
