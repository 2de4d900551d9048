import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StreamMessage } from '../api/dto.js';
import { ChangeFeed } from './change-feed.js';
import { CONNECTED_FRAME, MAX_BUFFERED_BYTES, StreamHub, type StreamSink } from './stream-hub.js';

const msg = (id: string): StreamMessage => ({ type: 'deleted', id });

/** A sink that records what it was sent; `buffered` is what the test says the socket holds. */
function sink(buffered = 0): StreamSink & { text: string; closed: boolean; writes: string[] } {
  const s = {
    text: '',
    closed: false,
    writes: [] as string[],
    write: (chunk: string) => {
      s.text += chunk;
      s.writes.push(chunk);
      return true;
    },
    buffered: () => buffered,
    close: () => void (s.closed = true),
  };
  return s;
}

const hub = (feed: ChangeFeed): StreamHub =>
  new StreamHub(
    feed,
    () => [msg('snap')],
    () => [msg('pre')],
  );

describe('StreamHub', () => {
  it('gives a new client connected, the preamble and the snapshot, then every message', () => {
    const feed = new ChangeFeed(10, 'e');
    feed.publish(msg('old'));
    const h = hub(feed);
    const client = sink();
    h.attach(undefined, client);
    feed.publish(msg('live'));
    h.flush();
    expect(client.text).toBe(
      CONNECTED_FRAME +
        'data: {"type":"deleted","id":"pre"}\nid: e-1\n\n' +
        'data: {"type":"deleted","id":"snap"}\nid: e-1\n\n' +
        'data: {"type":"deleted","id":"live"}\nid: e-2\n\n',
    );
  });

  it('resumes a client after its id without a snapshot', () => {
    const feed = new ChangeFeed(10, 'e');
    for (const x of ['a', 'b', 'c']) feed.publish(msg(x));
    const client = sink();
    hub(feed).attach('e-2', client);
    expect(client.text).not.toContain('snap');
    expect(client.text).toContain('"id":"c"}\nid: e-3\n');
    expect(client.text).not.toContain('"id":"b"');
  });

  it('writes the messages of one window to every client in one write, and stops after detach', () => {
    const feed = new ChangeFeed(10, 'e');
    const h = hub(feed);
    const clients = Array.from({ length: 3 }, () => sink());
    const detach = clients.map((c) => h.attach(feed.position(), c));
    for (const c of clients) c.writes.length = 0;
    feed.publish(msg('x'));
    feed.publish(msg('y'));
    expect(clients.map((c) => c.writes)).toEqual(clients.map(() => []));
    h.flush();
    expect(clients.map((c) => c.writes)).toEqual(
      clients.map(() => [
        'data: {"type":"deleted","id":"x"}\nid: e-1\n\n' + 'data: {"type":"deleted","id":"y"}\nid: e-2\n\n',
      ]),
    );
    detach[0]?.();
    feed.publish(msg('z'));
    h.flush();
    expect(clients[0]?.text).not.toContain('"z"');
    expect(clients[1]?.text).toContain('"z"');
    expect(h.size).toBe(2);
  });

  it('flushes by itself once the window has passed', async () => {
    const feed = new ChangeFeed(10, 'e');
    const h = new StreamHub(
      feed,
      () => [],
      () => [],
      5,
    );
    const client = sink();
    h.attach(feed.position(), client);
    client.writes.length = 0;
    feed.publish(msg('x'));
    await new Promise((r) => setTimeout(r, 50));
    expect(client.writes).toEqual(['data: {"type":"deleted","id":"x"}\nid: e-1\n\n']);
  });

  describe('writes at most once per window, and at once after a quiet one', () => {
    afterEach(() => vi.useRealTimers());
    const frame = (id: string, seq: number): string =>
      `data: {"type":"deleted","id":"${id}"}\nid: e-${seq}\n\n`;

    it('sends a message after a quiet window on the next turn, and gathers the ones that follow', () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      const feed = new ChangeFeed(10, 'e');
      const h = new StreamHub(
        feed,
        () => [],
        () => [],
        50,
      );
      const client = sink();
      h.attach(feed.position(), client);
      client.writes.length = 0;
      vi.advanceTimersByTime(1000);

      feed.publish(msg('a'));
      feed.publish(msg('b'));
      vi.advanceTimersByTime(0);
      // Not 50 ms later: the two messages of the same tick, together, right away.
      expect(client.writes).toEqual([frame('a', 1) + frame('b', 2)]);

      vi.advanceTimersByTime(10);
      feed.publish(msg('c'));
      vi.advanceTimersByTime(20);
      feed.publish(msg('d'));
      vi.advanceTimersByTime(19);
      // 49 ms after the last write: still gathering.
      expect(client.writes).toHaveLength(1);
      vi.advanceTimersByTime(1);
      expect(client.writes).toEqual([frame('a', 1) + frame('b', 2), frame('c', 3) + frame('d', 4)]);

      vi.advanceTimersByTime(200);
      feed.publish(msg('e'));
      vi.advanceTimersByTime(0);
      expect(client.writes.at(-1)).toBe(frame('e', 5));
    });
  });

  it('gives a client attaching mid-window each message exactly once', () => {
    const feed = new ChangeFeed(10, 'e');
    const h = hub(feed);
    const early = sink();
    h.attach(feed.position(), early);
    const resumeFrom = feed.position();
    feed.publish(msg('a'));
    const late = sink();
    h.attach(resumeFrom, late);
    feed.publish(msg('b'));
    h.flush();
    for (const c of [early, late]) {
      expect(c.text.match(/"id":"a"/g)).toHaveLength(1);
      expect(c.text.match(/"id":"b"/g)).toHaveLength(1);
    }
  });

  it('closes a client that falls too far behind, so memory stays bounded', () => {
    const feed = new ChangeFeed(10, 'e');
    const h = hub(feed);
    const slow = sink(MAX_BUFFERED_BYTES + 1);
    const fast = sink();
    h.attach(feed.position(), slow);
    h.attach(feed.position(), fast);
    feed.publish(msg('x'));
    h.flush();
    expect(slow.closed).toBe(true);
    expect(fast.closed).toBe(false);
    expect(h.size).toBe(1);
  });
});
