import { describe, expect, it } from 'vitest';
import type { StreamMessage } from '../api/dto.js';
import { ChangeFeed } from './change-feed.js';

const msg = (id: string): StreamMessage => ({ type: 'deleted', id });

async function take(
  gen: AsyncGenerator<{ id: string; message: StreamMessage }>,
  n: number,
): Promise<string[]> {
  const out: string[] = [];
  for await (const item of gen) {
    out.push(`${item.id}:${item.message.type === 'deleted' ? item.message.id : item.message.type}`);
    if (out.length === n) break;
  }
  return out;
}

describe('ChangeFeed', () => {
  it('gives a new subscriber the snapshot, then live messages', async () => {
    const feed = new ChangeFeed(10, 'e');
    feed.publish(msg('old'));
    const gen = feed.subscribe(undefined, new AbortController().signal, () => [msg('snap')]);
    const first = take(gen, 2);
    setTimeout(() => feed.publish(msg('live')), 10);
    expect(await first).toEqual(['e-1:snap', 'e-2:live']);
  });

  it('gives every subscriber the preamble first, resumed or not, and says where it stands', async () => {
    const feed = new ChangeFeed(10, 'e');
    expect(feed.position()).toBe('e-0');
    feed.publish(msg('a'));
    feed.publish(msg('b'));
    expect(feed.position()).toBe('e-2');
    const preamble = (): StreamMessage[] => [msg('system')];
    const resumed = feed.subscribe('e-1', new AbortController().signal, () => [msg('snap')], preamble);
    expect(await take(resumed, 2)).toEqual(['e-1:system', 'e-2:b']);
    const fresh = feed.subscribe(undefined, new AbortController().signal, () => [msg('snap')], preamble);
    expect(await take(fresh, 2)).toEqual(['e-2:system', 'e-2:snap']);
  });

  it('resumes after a known id without a snapshot', async () => {
    const feed = new ChangeFeed(10, 'e');
    feed.publish(msg('a'));
    feed.publish(msg('b'));
    feed.publish(msg('c'));
    const gen = feed.subscribe('e-1', new AbortController().signal, () => [msg('snap')]);
    expect(await take(gen, 2)).toEqual(['e-2:b', 'e-3:c']);
  });

  it('falls back to a snapshot for ids from another process or outside the window', async () => {
    const feed = new ChangeFeed(2, 'e');
    for (const x of ['a', 'b', 'c', 'd']) feed.publish(msg(x));
    expect(
      await take(
        feed.subscribe('e-1', new AbortController().signal, () => [msg('snap')]),
        1,
      ),
    ).toEqual(['e-4:snap']);
    expect(
      await take(
        feed.subscribe('other-3', new AbortController().signal, () => [msg('snap')]),
        1,
      ),
    ).toEqual(['e-4:snap']);
    expect(
      await take(
        feed.subscribe('e-2', new AbortController().signal, () => [msg('snap')]),
        2,
      ),
    ).toEqual(['e-3:c', 'e-4:d']);
  });

  it('keeps exactly the last `capacity` messages however many were published', () => {
    const feed = new ChangeFeed(3, 'e');
    for (let n = 1; n <= 20; n++) {
      feed.publish(msg(`m${n}`));
      const kept = feed.since(`e-${Math.max(0, n - 3)}`)?.map((item) => item.id);
      expect(kept).toEqual(
        Array.from({ length: Math.min(n, 3) }, (_, k) => `e-${n - Math.min(n, 3) + k + 1}`),
      );
      if (n > 3) expect(feed.since(`e-${n - 4}`)).toBeUndefined();
    }
  });

  it('delivers each message once to a subscriber while the log is cut behind it', async () => {
    const feed = new ChangeFeed(3, 'e');
    const seen: string[] = [];
    const start = feed.position();
    for (let k = 0; k < 2; k++) feed.publish(msg('first'));
    for await (const item of feed.subscribe(start, new AbortController().signal, () => [])) {
      seen.push(item.id);
      if (seen.length === 12) break;
      // A publish between two reads moves the window (and cuts the log) under the generator.
      feed.publish(msg('more'));
    }
    expect(seen).toEqual(Array.from({ length: 12 }, (_, k) => `e-${k + 1}`));
  }, 5000);

  it('ends when the signal aborts', async () => {
    const feed = new ChangeFeed(10, 'e');
    const abort = new AbortController();
    const gen = feed.subscribe(undefined, abort.signal, () => []);
    const done = gen.next();
    abort.abort();
    expect((await done).done).toBe(true);
  });
});
