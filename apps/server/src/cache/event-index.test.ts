import { describe, expect, it } from 'vitest';
import type { EventDto } from '../api/dto.js';
import { EventIndex } from './event-index.js';

const event = (uid: string, objectId: string, second: number): EventDto =>
  ({
    uid,
    objectId,
    type: 'Normal',
    reason: 'ReconciliationSucceeded',
    message: uid,
    lastTimestamp: `2026-01-01T00:00:${String(second).padStart(2, '0')}Z`,
  }) as EventDto;

const uids = (list: EventDto[]): string[] => list.map((e) => e.uid);

describe('EventIndex', () => {
  it('keeps an object’s events newest first, replacing by uid', () => {
    const index = new EventIndex({ perObject: 10, total: 100 });
    index.upsert(event('a', 'K/ns/x', 1));
    index.upsert(event('b', 'K/ns/x', 3));
    index.upsert(event('c', 'K/ns/x', 2));
    index.upsert({ ...event('a', 'K/ns/x', 4), message: 'again' });
    expect(uids(index.forObject('K/ns/x'))).toEqual(['a', 'b', 'c']);
    expect(index.forObject('K/ns/x')[0]?.message).toBe('again');
    expect(index.size).toBe(3);
  });

  it('lists every object’s events together, newest first', () => {
    const index = new EventIndex({ perObject: 10, total: 100 });
    index.upsert(event('a', 'K/ns/x', 1));
    index.upsert(event('b', 'K/ns/y', 5));
    index.upsert(event('c', 'K/ns/x', 3));
    expect(uids(index.newestFirst())).toEqual(['b', 'c', 'a']);
  });

  it('caps each object, dropping its oldest', () => {
    const index = new EventIndex({ perObject: 3, total: 100 });
    for (let i = 0; i < 10; i++) index.upsert(event(`e${i}`, 'K/ns/x', i));
    expect(uids(index.forObject('K/ns/x'))).toEqual(['e9', 'e8', 'e7']);
    expect(index.size).toBe(3);
    index.upsert(event('old', 'K/ns/x', 0));
    expect(uids(index.forObject('K/ns/x'))).toEqual(['e9', 'e8', 'e7']);
    expect(index.size).toBe(3);
  });

  it('caps the total, dropping the event updated longest ago', () => {
    const index = new EventIndex({ perObject: 50, total: 5 });
    for (let i = 0; i < 1000; i++) index.upsert(event(`e${i}`, `K/ns/o${i % 7}`, i % 60));
    expect(index.size).toBe(5);
    const all = Array.from({ length: 7 }, (_, o) => uids(index.forObject(`K/ns/o${o}`))).flat();
    expect(all.sort()).toEqual(['e995', 'e996', 'e997', 'e998', 'e999']);
  });

  it('drops an object’s events when the object goes away, and an Event the cluster deleted', () => {
    const index = new EventIndex({ perObject: 10, total: 100 });
    index.upsert(event('a', 'K/ns/x', 1));
    index.upsert(event('b', 'K/ns/x', 2));
    index.upsert(event('c', 'K/ns/y', 3));
    index.dropObject('K/ns/x');
    expect(index.forObject('K/ns/x')).toEqual([]);
    expect(index.size).toBe(1);
    index.remove('c');
    index.remove('unknown');
    expect(index.forObject('K/ns/y')).toEqual([]);
    expect(index.size).toBe(0);
  });
});
