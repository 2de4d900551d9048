import { describe, expect, it } from 'vitest';
import { parseListenAddress } from './listen-address.js';

describe('parseListenAddress', () => {
  it.each([
    [':8080', { host: '0.0.0.0', port: 8080 }],
    ['127.0.0.1:9440', { host: '127.0.0.1', port: 9440 }],
    ['[::1]:0', { host: '::1', port: 0 }],
    ['localhost:65535', { host: 'localhost', port: 65535 }],
  ])('%s', (text, want) => expect(parseListenAddress(text)).toEqual(want));

  it.each(['8080', '127.0.0.1', ':65536', '::1:80', 'host:port', ''])('refuses %j', (text) =>
    expect(() => parseListenAddress(text)).toThrow(/invalid listen address/),
  );
});
