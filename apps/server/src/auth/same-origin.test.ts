import { describe, expect, it } from 'vitest';
import { isSameOriginJson } from './same-origin.js';

describe('CSRF rule', () => {
  const req = (headers: Record<string, string>, method = 'POST') => ({ headers, method });
  it.each([
    [{ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000', 'content-type': 'application/json' }, true],
    [{ origin: 'http://evil.example', host: '127.0.0.1:3000', 'content-type': 'application/json' }, false],
    [
      {
        origin: 'http://127.0.0.1:3000',
        host: '127.0.0.1:3000',
        'content-type': 'application/x-www-form-urlencoded',
      },
      false,
    ],
    [{ origin: 'http://127.0.0.1:3000', host: '127.0.0.1:3000', 'content-type': 'text/plain' }, false],
    [{ host: '127.0.0.1:3000', 'content-type': 'application/json' }, false],
    [{ origin: 'null', host: '127.0.0.1:3000', 'content-type': 'application/json' }, false],
  ])('%j → %s', (headers, ok) => expect(isSameOriginJson(req(headers))).toBe(ok));
});
