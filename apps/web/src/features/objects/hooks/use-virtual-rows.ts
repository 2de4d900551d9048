import { useCallback, useEffect, useLayoutEffect, useState, type RefObject } from 'react';
import { scrollToReveal, virtualWindow, type VirtualWindow } from '../selectors/virtual-window';

/** Rows rendered beyond the viewport on each side. */
const OVERSCAN = 10;

/**
 * Fixed-height row virtualization for a scroll container: only the rows in view (plus a few)
 * are in the DOM, whatever the count. State changes only when the window of rows does, so
 * scrolling within a window re-renders nothing.
 */
export function useVirtualRows(
  scrollRef: RefObject<HTMLElement | null>,
  count: number,
  rowHeight: number,
): { window: VirtualWindow; reveal: (index: number) => void } {
  const [metrics, setMetrics] = useState({ scrollTop: 0, viewport: 800 });
  const win = virtualWindow(count, rowHeight, metrics.scrollTop, metrics.viewport, OVERSCAN);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    let frame = 0;
    const measure = (): void => {
      frame = 0;
      setMetrics((m) => {
        const next = { scrollTop: el.scrollTop, viewport: el.clientHeight };
        const a = virtualWindow(count, rowHeight, m.scrollTop, m.viewport, OVERSCAN);
        const b = virtualWindow(count, rowHeight, next.scrollTop, next.viewport, OVERSCAN);
        return a.start === b.start && a.end === b.end && m.viewport === next.viewport ? m : next;
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
