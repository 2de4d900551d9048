import { describe, expect, it } from 'vitest';
import { transportOf, UNBATCHED } from './create-trpc-client';

describe('transportOf', () => {
  it.each([
    ['a subscription streams over SSE', { type: 'subscription', context: {} }, 'stream'],
    ['a query is batched', { type: 'query', context: {} }, 'batch'],
    ['a mutation is batched', { type: 'mutation', context: {} }, 'batch'],
    ['a query marked unbatched goes alone', { type: 'query', context: { ...UNBATCHED } }, 'single'],
    [
      'a subscription stays a stream even if marked',
      { type: 'subscription', context: { ...UNBATCHED } },
      'stream',
    ],
    ['only true unbatches', { type: 'query', context: { skipBatch: 'yes' } }, 'batch'],
  ] as const)('%s', (_name, op, expected) => expect(transportOf(op)).toBe(expected));
});
