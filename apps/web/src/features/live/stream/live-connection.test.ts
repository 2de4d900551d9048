import type { StreamMessage } from '@tideline/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from '../selectors/connection-status';
import { LiveConnection, type StreamHandlers } from './live-connection';

/** A fake `events.stream`: records each subscription so the test can drive it. */
function fakeStream(): {
  calls: { input: { lastEventId?: string }; handlers: StreamHandlers; closed: boolean }[];
  subscribe: LiveConnectionSubscribe;
} {
  const calls: { input: { lastEventId?: string }; handlers: StreamHandlers; closed: boolean }[] = [];
  return {
    calls,
    subscribe: (input, handlers) => {
      const call = { input, handlers, closed: false };
      calls.push(call);
      return {
        unsubscribe: () => {
          call.closed = true;
          handlers.onComplete();
        },
      };
    },
  };
}
type LiveConnectionSubscribe = ConstructorParameters<typeof LiveConnection>[0]['subscribe'];

const deleted = (id: string): StreamMessage => ({ type: 'deleted', id });

describe('LiveConnection', () => {
  let stream: ReturnType<typeof fakeStream>;
  let batches: StreamMessage[][];
  let statuses: ConnectionStatus[];
  let resyncs: number;
  let connection: LiveConnection;

  beforeEach(() => {
    vi.useFakeTimers();
    stream = fakeStream();
    batches = [];
    statuses = [];
    resyncs = 0;
    connection = new LiveConnection({
      subscribe: stream.subscribe,
      onMessages: (messages) => batches.push(messages),
      onStatus: (status) => statuses.push(status),
      onResync: () => (resyncs += 1),
      batchMs: 20,
    });
    connection.start();
  });
  afterEach(() => {
    connection.stop();
    vi.useRealTimers();
  });

  it('starts from the position of the list read before it, when given one', () => {
    const resumed = new LiveConnection({
      subscribe: stream.subscribe,
      onMessages: () => {},
      onStatus: () => {},
      onResync: () => {},
      initialEventId: 'e-41',
    });
    resumed.start();
    expect(stream.calls.at(-1)?.input).toEqual({ lastEventId: 'e-41' });
    resumed.stop();
  });

  it('subscribes once without an id and reports the stream live', () => {
    expect(stream.calls.map((c) => c.input)).toEqual([{}]);
    stream.calls[0]?.handlers.onStarted();
    expect(statuses).toEqual(['connecting', 'live']);
  });

  it('delivers messages in order, batched per window', () => {
    const h = stream.calls[0]!.handlers;
    h.onData({ id: 'e-1', data: deleted('a') });
    h.onData({ id: 'e-2', data: deleted('b') });
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(20);
    h.onData({ id: 'e-3', data: deleted('c') });
    vi.advanceTimersByTime(20);
    expect(batches).toEqual([[deleted('a'), deleted('b')], [deleted('c')]]);
  });

  it('re-subscribes with backoff from the last event id after a failure, then asks for a resync', () => {
    const first = stream.calls[0]!;
    first.handlers.onStarted();
    first.handlers.onData({ id: 'e-7', data: deleted('a') });
    first.handlers.onError(new Error('stream closed'));
    expect(first.closed).toBe(true);
    expect(statuses.at(-1)).toBe('offline');
    vi.advanceTimersByTime(999);
    expect(stream.calls).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(stream.calls.map((c) => c.input)).toEqual([{}, { lastEventId: 'e-7' }]);
    expect(statuses.at(-1)).toBe('reconnecting');

    stream.calls[1]!.handlers.onError(new Error('again'));
    vi.advanceTimersByTime(1999);
    expect(stream.calls).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(stream.calls).toHaveLength(3);

    expect(resyncs).toBe(0);
    stream.calls[2]!.handlers.onStarted();
    expect(resyncs).toBe(1);
    expect(statuses.at(-1)).toBe('live');
  });

  it('ignores callbacks from subscriptions it replaced or stopped', () => {
    const first = stream.calls[0]!;
    first.handlers.onError(new Error('x'));
    first.handlers.onError(new Error('late duplicate'));
    vi.advanceTimersByTime(1000);
    expect(stream.calls).toHaveLength(2);
    first.handlers.onData({ id: 'old', data: deleted('old') });
    vi.advanceTimersByTime(100);
    expect(batches).toEqual([]);

    connection.stop();
    stream.calls[1]!.handlers.onData({ id: 'late', data: deleted('late') });
    stream.calls[1]!.handlers.onError(new Error('after stop'));
    vi.advanceTimersByTime(60_000);
    expect(batches).toEqual([]);
    expect(stream.calls).toHaveLength(2);
  });

  it('asks for a resync when the link itself reconnects', () => {
    const h = stream.calls[0]!.handlers;
    h.onStarted();
    expect(resyncs).toBe(0);
    h.onConnectionStateChange({ state: 'connecting', error: new Error('dropped') });
    h.onStarted();
    expect(resyncs).toBe(1);
    expect(stream.calls).toHaveLength(1);
  });

  it('maps the link connection state to the indicator', () => {
    const h = stream.calls[0]!.handlers;
    h.onConnectionStateChange({ state: 'pending', error: null });
    h.onStarted();
    h.onConnectionStateChange({ state: 'connecting', error: new Error('dropped') });
    h.onConnectionStateChange({ state: 'pending', error: null });
    expect(statuses).toEqual(['connecting', 'live', 'live', 'reconnecting', 'live']);
  });
});
