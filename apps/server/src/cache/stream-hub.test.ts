import { describe, expect, it } from 'vitest';
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

  it('resumes a client after its id without a snapshot', () => {
    const feed = new ChangeFeed(10, 'e');
    for (const x of ['a', 'b', 'c']) feed.publish(msg(x));
    const client = sink();
    hub(feed).attach('e-2', client);
    expect(client.text).not.toContain('snap');
    expect(client.text).toContain('"id":"c"}\nid: e-3\n');
    expect(client.text).not.toContain('"id":"b"');
  });

  it('writes one string per message to every client, and stops after detach', () => {
    const feed = new ChangeFeed(10, 'e');
    const h = hub(feed);
    const clients = Array.from({ length: 3 }, () => sink());
    const detach = clients.map((c) => h.attach(feed.position(), c));
    for (const c of clients) c.writes.length = 0;
    feed.publish(msg('x'));
    expect(clients.map((c) => c.writes)).toEqual(
      clients.map(() => ['data: {"type":"deleted","id":"x"}\nid: e-1\n\n']),
    );
    detach[0]?.();
    feed.publish(msg('y'));
    expect(clients[0]?.text).not.toContain('"y"');
    expect(clients[1]?.text).toContain('"y"');
    expect(h.size).toBe(2);
  });

  it('closes a client that falls too far behind, so memory stays bounded', () => {
    const feed = new ChangeFeed(10, 'e');
    const h = hub(feed);
    const slow = sink(MAX_BUFFERED_BYTES + 1);
    const fast = sink();
    h.attach(feed.position(), slow);
    h.attach(feed.position(), fast);
    feed.publish(msg('x'));
    expect(slow.closed).toBe(true);
    expect(fast.closed).toBe(false);
    expect(h.size).toBe(1);
  });
});
