import { describe, expect, it } from 'vitest';
import { garbageFiles, type StoredFile } from './artifact-retention.js';

const NOW = 1_000_000;
const policy = { records: 2, ttlMs: 60_000 };
/** Files a..e, `age` seconds old each. */
const files = (ages: Record<string, number>): StoredFile[] =>
  Object.entries(ages).map(([path, age]) => ({ path, modifiedMs: NOW - age * 1000 }));

describe('garbageFiles (fluxcd/pkg Storage.GetGarbageFiles)', () => {
  it.each([
    ['nothing to do with one file', { a: 5 }, 'a', []],
    ['two young files are within the records', { a: 10, b: 5 }, 'b', []],
    ['three young files: the oldest goes', { a: 30, b: 20, c: 10 }, 'c', ['a']],
    ['the current artifact is kept even when it is the oldest', { a: 30, b: 20, c: 10 }, 'a', ['b']],
    ['files past the TTL go, whatever the count', { a: 120, b: 10 }, 'b', ['a']],
    ['the current artifact survives its TTL', { a: 120 }, 'a', []],
    // After a TTL sweep Flux's loop counts each file it collects twice: sometimes one extra stays.
    [
      'TTL sweep of two, then trimmed to the records',
      { a: 300, b: 200, c: 30, d: 20, e: 10 },
      'e',
      ['a', 'b', 'c'],
    ],
    ['TTL sweep of one keeps records + 1', { a: 300, b: 40, c: 30, d: 20, e: 10 }, 'e', ['a', 'b']],
    ['lock files are never candidates', { 'a.lock': 300, a: 20, b: 10 }, 'b', []],
  ])('%s', (_title, ages, current, expected) => {
    expect(garbageFiles(files(ages), current, policy, NOW).sort()).toEqual([...expected].sort());
  });

  it('honours other retention settings', () => {
    expect(
      garbageFiles(files({ a: 4, b: 3, c: 2, d: 1 }), 'd', { records: 1, ttlMs: 60_000 }, NOW).sort(),
    ).toEqual(['a', 'b', 'c']);
    expect(garbageFiles(files({ a: 4, b: 3 }), 'b', { records: 5, ttlMs: 1000 }, NOW)).toEqual(['a']);
  });
});
