import { describe, expect, it } from 'vitest';
import { compileGoTagPattern } from './go-tag-pattern.js';
import {
  adler32,
  excludeTags,
  ExclusionPatternError,
  goJsonStrings,
  latestTags,
  sortTagsDescending,
  tagsChecksum,
} from './tag-list.js';

describe('tag lists', () => {
  it('computes Adler-32 as Go hash/adler32 does', () => {
    expect(adler32(Buffer.from(''))).toBe(1);
    expect(adler32(Buffer.from('Wikipedia'))).toBe(0x11e60398);
    // Past zlib's NMAX, where the deferred modulo must still be right.
    expect(adler32(Buffer.alloc(100_000, 0xff))).toBe(0x149a302c); // zlib.adler32 of the same bytes;
  });

  it('checksums the stored list as Go marshals it', () => {
    expect(goJsonStrings(['a<b', 'c&d'])).toBe('["a\\u003cb","c\\u0026d"]');
    expect(tagsChecksum(['v1.0.1', 'v1.0.0'])).toBe(String(adler32(Buffer.from('["v1.0.1","v1.0.0"]'))));
    expect(tagsChecksum([])).toBe(String(adler32(Buffer.from('[]'))));
  });

  it('sorts in reverse byte order, so latest comes before 6.2.0 and 10 before 9 is not true', () => {
    const sorted = sortTagsDescending(['6.2.0', 'latest', '10.0.0', '9.0.0', 'V1', 'éa']);
    expect(sorted).toEqual(['éa', 'latest', 'V1', '9.0.0', '6.2.0', '10.0.0']);
    expect(latestTags(Array.from({ length: 15 }, (_, i) => `t${i}`))).toHaveLength(10);
  });

  it('drops tags any exclusion pattern matches (unanchored, Go syntax)', () => {
    const tags = ['v1', 'v1.sig', 'sha256-abc.sig', 'v2-debug', 'v2'];
    expect(excludeTags(tags, ['^.*\\.sig$'], compileGoTagPattern)).toEqual(['v1', 'v2-debug', 'v2']);
    expect(excludeTags(tags, ['^.*\\.sig$', 'debug'], compileGoTagPattern)).toEqual(['v1', 'v2']);
    expect(excludeTags(tags, [], compileGoTagPattern)).toEqual(tags);
  });

  it('refuses a bad exclusion pattern with Go words, whatever the tags', () => {
    expect(() => excludeTags([], ['(unclosed'], compileGoTagPattern)).toThrow(ExclusionPatternError);
    expect(() => excludeTags([], ['(unclosed'], compileGoTagPattern)).toThrow(
      'failed to compile regex (unclosed: error parsing regexp: missing closing ): `(unclosed`',
    );
  });

  it('matches a catastrophic pattern in linear time', () => {
    const started = Date.now();
    expect(excludeTags([`${'a'.repeat(50_000)}!`], ['^(a+)+$'], compileGoTagPattern)).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
