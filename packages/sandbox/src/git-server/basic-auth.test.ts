import { describe, expect, it } from 'vitest';

import { credentialsMatch, parseBasicAuthorization } from './basic-auth.js';

const encode = (raw: string): string => `Basic ${Buffer.from(raw, 'utf8').toString('base64')}`;

describe('parseBasicAuthorization', () => {
  it.each([
    ['user and password', encode('alice:s3cret'), { username: 'alice', password: 's3cret' }],
    ['colon inside password', encode('alice:a:b'), { username: 'alice', password: 'a:b' }],
    ['empty password', encode('alice:'), { username: 'alice', password: '' }],
    ['unicode', encode('zoë:pässword'), { username: 'zoë', password: 'pässword' }],
    [
      'case-insensitive scheme',
      `basic ${Buffer.from('a:b').toString('base64')}`,
      { username: 'a', password: 'b' },
    ],
    ['absent', undefined, undefined],
    ['other scheme', 'Bearer abc', undefined],
    ['no colon', encode('alice'), undefined],
    ['not base64', 'Basic !!!', undefined],
    ['no credentials', 'Basic', undefined],
  ])('%s', (_name, header, expected) => {
    expect(parseBasicAuthorization(header)).toEqual(expected);
  });
});

describe('credentialsMatch', () => {
  const expected = { username: 'alice', password: 's3cret' };
  it.each([
    ['exact', { username: 'alice', password: 's3cret' }, true],
    ['wrong password', { username: 'alice', password: 's3cre' }, false],
    ['wrong user', { username: 'bob', password: 's3cret' }, false],
    ['longer password', { username: 'alice', password: 's3cret!' }, false],
    ['absent', undefined, false],
  ])('%s', (_name, given, result) => {
    expect(credentialsMatch(given, expected)).toBe(result);
  });
});
