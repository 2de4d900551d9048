/** Values a text box wrote to the URL that the URL has not yet handed back. */
export type PendingEchoes = readonly (string | undefined)[];

/**
 * What a text box does when the URL's value changes: if it is one it wrote itself (the URL
 * catching up with typing, possibly several keystrokes late), keep the text, which is newer;
 * otherwise (back/forward, a link) show the URL's value. Echoes arrive in order, so a match
 * also settles every earlier write. Pure.
 */
export function followUrl(
  pending: PendingEchoes,
  urlValue: string | undefined,
): { pending: PendingEchoes; replaceText: boolean } {
  const at = pending.lastIndexOf(urlValue);
  if (at >= 0) return { pending: pending.slice(at + 1), replaceText: false };
  return { pending: [], replaceText: true };
}
