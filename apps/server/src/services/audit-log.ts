import { appendFileSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AuditEntryDto } from '../api/dto.js';

/** Entries kept in memory and served; older ones stay only in the file until it is compacted. */
const KEPT = 1000;
/** The file is rewritten with the kept entries when it grows past this. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;

/**
 * Who did what to which object, when and why: every dashboard/API action, appended as a JSON
 * line to `<state dir>/audit.jsonl` (so a restart keeps it) and served newest first. Bounded:
 * the newest {@link KEPT} entries, the file compacted past {@link MAX_FILE_BYTES}.
 */
export class AuditLog {
  private readonly entries: AuditEntryDto[] = [];

  constructor(private readonly path?: string) {
    if (!path || !existsSync(path)) return;
    for (const line of readFileSync(path, 'utf8').split('\n').slice(-KEPT)) {
      const entry = parseEntry(line);
      if (entry) this.entries.push(entry);
    }
  }

  /** Records an entry (in memory, and in the file when there is one). */
  record(entry: AuditEntryDto): void {
    this.entries.push(entry);
    if (this.entries.length > KEPT) this.entries.splice(0, this.entries.length - KEPT);
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`, { mode: 0o600 });
    if (statSync(this.path).size > MAX_FILE_BYTES)
      writeFileSync(this.path, this.entries.map((e) => `${JSON.stringify(e)}\n`).join(''), { mode: 0o600 });
  }

  /** The newest entries first, at most `limit`, optionally about one object. */
  list(limit: number, objectId?: string): AuditEntryDto[] {
    const out: AuditEntryDto[] = [];
    for (let i = this.entries.length - 1; i >= 0 && out.length < limit; i--) {
      const entry = this.entries[i];
      if (entry && (!objectId || entry.objectId === objectId)) out.push(entry);
    }
    return out;
  }
}

function parseEntry(line: string): AuditEntryDto | undefined {
  if (!line.trim()) return undefined;
  try {
    const value = JSON.parse(line) as Partial<AuditEntryDto>;
    return typeof value.at === 'string' && typeof value.objectId === 'string'
      ? (value as AuditEntryDto)
      : undefined;
  } catch {
    return undefined;
  }
}
