import type { CompileTagPattern } from './tag-pattern.js';

/** How many tags `status.lastScanResult.latestTags` shows. */
export const LATEST_TAGS_COUNT = 10;

/** An exclusion pattern that does not compile (Flux: `failed to compile regex <p>: <err>`). */
export class ExclusionPatternError extends Error {
  override readonly name = 'ExclusionPatternError';
}

/**
 * The tags no exclusion pattern matches (unanchored, Go RE2 semantics), in their order. Every
 * pattern is compiled first, so a bad one fails the scan whatever the tags. Pure.
 */
export function excludeTags(
  tags: readonly string[],
  patterns: readonly string[],
  compile: CompileTagPattern,
): string[] {
  const compiled = patterns.map((pattern) => {
    try {
      return compile(pattern);
    } catch (error) {
      throw new ExclusionPatternError(
        `failed to compile regex ${pattern}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  });
  return tags.filter((tag) => !compiled.some((re) => re.matchString(tag)));
}

/** Byte-wise (UTF-8) comparison, as Go's `strings.Compare`. Pure. */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * The tags in reverse byte order: how image-reflector-controller stores them (it sorts the list
 * in place before saving) and how it picks `latestTags` — not semver order, so `latest` comes
 * before `6.2.0`. Pure.
 */
export function sortTagsDescending(tags: readonly string[]): string[] {
  return [...tags].sort((a, b) => compareBytes(b, a));
}

/** The first {@link LATEST_TAGS_COUNT} of tags already sorted descending. Pure. */
export function latestTags(sortedDescending: readonly string[]): string[] {
  return sortedDescending.slice(0, LATEST_TAGS_COUNT);
}

/** Adler-32 of bytes (zlib's, as Go's `hash/adler32`). Pure. */
export function adler32(data: Uint8Array): number {
  const MOD = 65521;
  let a = 1;
  let b = 0;
  // 5552 is the longest run before b can pass 2^53-safe bounds with deferred modulo (zlib's NMAX).
  for (let i = 0; i < data.length;) {
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i] ?? 0;
      b += a;
    }
    a %= MOD;
    b %= MOD;
  }
  return ((b << 16) | a) >>> 0;
}

/** Go's `json.Marshal` of a string list: HTML characters and line separators escaped as Go escapes them. Pure. */
export function goJsonStrings(values: readonly string[]): string {
  return JSON.stringify(values)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * `lastScanResult.revision`: the decimal Adler-32 of the stored list marshalled as JSON, as the
 * default (Badger) database of image-reflector-controller computes it. Pure.
 */
export function tagsChecksum(storedTags: readonly string[]): string {
  return String(adler32(Buffer.from(goJsonStrings(storedTags), 'utf8')));
}
