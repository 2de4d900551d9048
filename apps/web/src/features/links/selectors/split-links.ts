/** A run of plain text, or an http(s) URL that may become a link. */
export type TextSegment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

/** Candidate URLs; anything else (javascript:, data:, file:, …) stays text. */
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that usually ends a sentence rather than a URL. */
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

/** The href for `candidate` when it parses as an http(s) URL with a host, else undefined. Pure. */
export function safeHttpHref(candidate: string): string | undefined {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return undefined;
  return url.href;
}

/**
 * Splits cluster-provided text (condition and event messages) into text and http(s) links;
 * the only way such text ever becomes a link. Pure.
 */
export function splitLinks(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let cursor = 0;
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const raw = match[0].replace(TRAILING_PUNCTUATION, '');
    const href = safeHttpHref(raw);
    if (!href) continue;
    if (match.index > cursor) segments.push({ type: 'text', text: text.slice(cursor, match.index) });
    segments.push({ type: 'link', text: raw, href });
    cursor = match.index + raw.length;
  }
  if (cursor < text.length) segments.push({ type: 'text', text: text.slice(cursor) });
  return segments;
}
