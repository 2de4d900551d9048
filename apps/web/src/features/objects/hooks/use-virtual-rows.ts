import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { scrollToReveal, stableWindow, type VirtualWindow } from '../selectors/virtual-window';

/** Rows rendered beyond the viewport on each side. */
const OVERSCAN = 10;
/** The window moves once fewer than this many rendered rows are left beyond the viewport. */
const MARGIN = 2;

interface Metrics {
  /** The window last rendered (undefined before the first measure). */
  win: VirtualWindow | undefined;
  scrollTop: number;
  viewport: number;
}

/**
 * Fixed-height row virtualization for a scroll container: only the rows in view (plus a few)
 * are in the DOM, whatever the count. State changes only when the window of rows moves, and it
 * moves only when the overscan is nearly used up ({@link stableWindow}): about one scroll frame
 * in four re-renders, the rest are the compositor's.
 */
export function useVirtualRows(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
): { window: VirtualWindow; reveal: (index: number) => void } {
  const [metrics, setMetrics] = useState<Metrics>({ win: undefined, scrollTop: 0, viewport: 800 });
  const win = stableWindow(
    metrics.win,
    count,
    rowHeight,
    metrics.scrollTop,
    metrics.viewport,
    OVERSCAN,
    MARGIN,
  );

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let frame = 0;
    const measure = (): void => {
      frame = 0;
      setMetrics((m) => {
        const before = stableWindow(m.win, count, rowHeight, m.scrollTop, m.viewport, OVERSCAN, MARGIN);
        const viewport = el.clientHeight;
        const next = stableWindow(before, count, rowHeight, el.scrollTop, viewport, OVERSCAN, MARGIN);
        // The same state object renders nothing: scrolling inside the window costs no render.
        return next === before && before === m.win && viewport === m.viewport
          ? m
          : { win: next, scrollTop: el.scrollTop, viewport };
      });
    };
    const onScroll = (): void => {
      frame ||= requestAnimationFrame(measure);
    };
    measure();
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer = new ResizeObserver(onScroll);
    observer.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [scrollRef, count, rowHeight]);

  // A shorter list (a filter applied) must not leave the container scrolled past its end.
  useEffect(() => {
    const el = scrollRef.current;
    if (el && el.scrollTop > count * rowHeight) el.scrollTop = 0;
  }, [scrollRef, count, rowHeight]);

  const reveal = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const header = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
      const top = scrollToReveal(index, rowHeight, el.scrollTop, el.clientHeight, header);
      if (top !== undefined) el.scrollTop = top;
    },
    [scrollRef, rowHeight],
  );
  return { window: win, reveal };
}
