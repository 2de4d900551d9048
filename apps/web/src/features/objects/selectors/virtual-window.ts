/** Which rows of a fixed-height list to render, and the space standing in for the rest. */
export interface VirtualWindow {
  /** First rendered row (inclusive). */
  start: number;
  /** Last rendered row (exclusive). */
  end: number;
  /** Height of the rows above `start`, in pixels. */
  padTop: number;
  /** Height of the rows from `end` on, in pixels. */
  padBottom: number;
}

/**
 * The rows visible in a viewport of `viewport` pixels scrolled to `scrollTop`, plus `overscan`
 * rows either side so fast scrolling never shows a blank, for `count` rows of `rowHeight`. Pure.
 */
export function virtualWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  overscan: number,
): VirtualWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(viewport, rowHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(first - overscan, count - visible - overscan));
  const end = Math.min(count, first + visible + overscan);
  const from = Math.min(start, end);
  return { start: from, end, padTop: from * rowHeight, padBottom: (count - end) * rowHeight };
}

/** The scrollTop that brings row `index` fully into a viewport, or undefined when it already is. Pure. */
export function scrollToReveal(
  index: number,
  rowHeight: number,
  scrollTop: number,
  viewport: number,
  headerHeight: number,
): number | undefined {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport - headerHeight) return bottom - viewport + headerHeight;
  return undefined;
}
