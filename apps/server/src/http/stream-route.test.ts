import { describe, expect, it } from 'vitest';
import { streamLastEventId } from './stream-route.js';

const input = (value: unknown): string =>
  `/trpc/events.stream?input=${encodeURIComponent(JSON.stringify(value))}`;

describe('streamLastEventId', () => {
  it.each<[string, string | undefined, string | undefined]>([
    [input({}), undefined, undefined],
    [input({ lastEventId: 'e-4' }), undefined, 'e-4'],
    [`${input({ lastEventId: 'e-4' })}&lastEventId=e-9`, undefined, 'e-9'],
    [input({ lastEventId: 'e-4' }), 'e-12', 'e-12'],
    [input({ lastEventId: 7 }), undefined, undefined],
    ['/trpc/events.stream?input=%7Bbroken', undefined, undefined],
    [input({ lastEventId: 'x'.repeat(65) }), undefined, undefined],
  ])('%s with Last-Event-ID %s → %s', (url, header, expected) =>
    expect(streamLastEventId(url, header)).toBe(expected),
  );
});
