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
  afterEach(() => vi.restoreAllMocks());

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

  it('gives a client only what its filter keeps: snapshot, replay and live messages', () => {
    const feed = new ChangeFeed(10, 'e');
    const h = new StreamHub(
      feed,
      () => [msg('Kustomization/team-a/snap'), msg('Kustomization/team-b/snap')],
      () => [],
    );
    const teamA = (m: StreamMessage): boolean => m.type === 'deleted' && m.id.includes('/team-a/');
    const tenant = sink();
    const everyone = sink();
    h.attach(undefined, tenant, teamA);
    h.attach(undefined, everyone);
    feed.publish(msg('Kustomization/team-b/live'));
    feed.publish(msg('Kustomization/team-a/live'));
    const resumed = sink();
    h.attach('e-1', resumed, teamA);
    for (const client of [tenant, resumed]) expect(client.text).not.toContain('team-b');
    expect(tenant.text).toContain('team-a/snap');
    expect(tenant.text).toContain('team-a/live');
    expect(resumed.text).toContain('team-a/live');
    expect(everyone.text).toContain('team-b/live');
  });

  it('writes each client one chunk a window of what it may see, serializing each message at most once', () => {
    const feed = new ChangeFeed(10, 'e');
    const h = hub(feed);
    const inTeam = (team: string) => (m: StreamMessage) => m.type === 'deleted' && m.id.includes(`/${team}/`);
    const clients = { a1: sink(), a2: sink(), b: sink(), all: sink() };
    h.attach(feed.position(), clients.a1, inTeam('team-a'));
    h.attach(feed.position(), clients.a2, inTeam('team-a'));
    h.attach(feed.position(), clients.b, inTeam('team-b'));
    h.attach(feed.position(), clients.all);
    for (const c of Object.values(clients)) c.writes.length = 0;
    const stringify = vi.spyOn(JSON, 'stringify');
    for (const id of ['K/team-a/1', 'K/team-b/2', 'K/team-c/3', 'K/team-a/4']) feed.publish(msg(id));
    h.flush();
    const serialized = stringify.mock.calls.map(([value]) => (value as { id?: string }).id);
    stringify.mockRestore();
    // team-c's message was serialized once (for the client that sees everything), none twice.
    expect(serialized.sort()).toEqual(['K/team-a/1', 'K/team-a/4', 'K/team-b/2', 'K/team-c/3']);
    const frame = (id: string, n: number): string => `data: {"type":"deleted","id":"${id}"}\nid: e-${n}\n\n`;
    const teamA = frame('K/team-a/1', 1) + frame('K/team-a/4', 4);
    expect(clients.a1.writes).toEqual([teamA]);
    expect(clients.a2.writes).toEqual([teamA]);
    expect(clients.b.writes).toEqual([frame('K/team-b/2', 2)]);
    expect(clients.all.writes).toEqual([
      frame('K/team-a/1', 1) + frame('K/team-b/2', 2) + frame('K/team-c/3', 3) + frame('K/team-a/4', 4),
    ]);
  });

  it('serializes nothing and writes nothing in a window whose messages no client may see', () => {
    const feed = new ChangeFeed(10, 'e');
    const h = hub(feed);
    const client = sink();
    h.attach(feed.position(), client, () => false);
    client.writes.length = 0;
    const stringify = vi.spyOn(JSON, 'stringify');
    feed.publish(msg('K/team-b/x'));
    h.flush();
    const calls = stringify.mock.calls.length;
    stringify.mockRestore();
    expect(calls).toBe(0);
    expect(client.writes).toEqual([]);
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
