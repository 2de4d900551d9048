import { describe, expect, it } from 'vitest';

import { CgiResponseError, parseCgiHead, splitCgiOutput } from './cgi-response.js';

describe('splitCgiOutput', () => {
  it.each([
    ['CRLF terminator', 'Content-Type: a\r\n\r\nBODY', 'Content-Type: a', 'BODY'],
    ['LF terminator', 'Content-Type: a\n\nBODY', 'Content-Type: a', 'BODY'],
    ['earliest terminator wins', 'A: 1\n\nB\r\n\r\nC', 'A: 1', 'B\r\n\r\nC'],
    ['empty body', 'Status: 204\r\n\r\n', 'Status: 204', ''],
  ])('%s', (_name, output, head, body) => {
    const split = splitCgiOutput(Buffer.from(output, 'latin1'));
    expect(split?.head).toBe(head);
    expect(split?.body.toString('latin1')).toBe(body);
  });

  it('waits for the blank line', () => {
    expect(splitCgiOutput(Buffer.from('Content-Type: a\r\n'))).toBeUndefined();
  });

  it('keeps binary bodies intact', () => {
    const body = Buffer.from([0, 1, 2, 0xff, 0x0a, 0x0a]);
    const split = splitCgiOutput(Buffer.concat([Buffer.from('X: y\r\n\r\n'), body]));
    expect(split?.body.equals(body)).toBe(true);
  });
});

describe('parseCgiHead', () => {
  it.each([
    [
      'defaults to 200',
      'Content-Type: text/plain',
      { status: 200, headers: [['Content-Type', 'text/plain']] },
    ],
    [
      'Status with reason',
      'Status: 404 Not Found\r\nExpires: 0',
      { status: 404, reason: 'Not Found', headers: [['Expires', '0']] },
    ],
    ['Status without reason', 'status: 500', { status: 500, headers: [] }],
    ['Location means redirect', 'Location: /x', { status: 302, headers: [['Location', '/x']] }],
    [
      'Status beats Location',
      'Status: 301 Moved\nLocation: /x',
      { status: 301, reason: 'Moved', headers: [['Location', '/x']] },
    ],
    [
      'repeated headers kept in order',
      'A: 1\nA: 2',
      {
        status: 200,
        headers: [
          ['A', '1'],
          ['A', '2'],
        ],
      },
    ],
    [
      'value trimmed, colon in value kept',
      'X-Url:  http://h:1/  ',
      { status: 200, headers: [['X-Url', 'http://h:1/']] },
    ],
  ])('%s', (_name, head, expected) => {
    expect(parseCgiHead(head)).toEqual(expected);
  });

  it.each([
    ['no colon', 'garbage'],
    ['empty name', ': value'],
    ['space in name', 'Bad Name: v'],
    ['non-numeric status', 'Status: OK'],
    ['short status', 'Status: 20'],
  ])('rejects %s', (_name, head) => {
    expect(() => parseCgiHead(head)).toThrow(CgiResponseError);
  });
});
