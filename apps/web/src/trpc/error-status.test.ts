import { describe, expect, it } from 'vitest';
import { errorHttpStatus, isUnauthorized, shouldRetryQuery } from './error-status';

const trpcError = (httpStatus: number, code: string): Error =>
  Object.assign(new Error(code), { data: { httpStatus, code } });

describe('error classification', () => {
  it.each([
    [trpcError(401, 'UNAUTHORIZED'), 401, true],
    [Object.assign(new Error('x'), { data: { code: 'UNAUTHORIZED' } }), undefined, true],
    [trpcError(403, 'FORBIDDEN'), 403, false],
    [trpcError(404, 'NOT_FOUND'), 404, false],
    [trpcError(500, 'INTERNAL_SERVER_ERROR'), 500, false],
    [new Error('Failed to fetch'), undefined, false],
    [Object.assign(new Error('x'), { data: null }), undefined, false],
    ['a string', undefined, false],
    [null, undefined, false],
  ])('%s: status %s, unauthorized %s', (error, status, unauthorized) => {
    expect(errorHttpStatus(error)).toBe(status);
    expect(isUnauthorized(error)).toBe(unauthorized);
  });
});

describe('shouldRetryQuery', () => {
  it.each([
    [0, trpcError(401, 'UNAUTHORIZED'), false],
    [0, trpcError(404, 'NOT_FOUND'), false],
    [0, trpcError(400, 'BAD_REQUEST'), false],
    [0, trpcError(500, 'INTERNAL_SERVER_ERROR'), true],
    [1, new Error('Failed to fetch'), true],
    [2, new Error('Failed to fetch'), false],
  ])('after %i failures of %s → %s', (count, error, expected) =>
    expect(shouldRetryQuery(count, error)).toBe(expected),
  );
});
