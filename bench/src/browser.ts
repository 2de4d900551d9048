import { chromium, type Browser, type Page } from '@playwright/test';
import { loadavg } from 'node:os';

/** Debian's Chromium with the flags the e2e suite uses (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_BIN ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * Records the page's long tasks (> 50 ms on the main thread) from the first script on, so a
 * measurement can say how long the page was blocked and by its worst single task.
 */
export async function recordLongTasks(page: Page): Promise<void> {
  // tsx keeps function names with an `__name(fn, name)` helper that pages do not have: functions
  // handed to page.evaluate would throw without this stand-in.
  await page.addInitScript({ content: 'window.__name = (fn) => fn;' });
  await page.addInitScript(() => {
    const tasks: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** The longest task and the sum of all long tasks so far, in ms. */
export async function longTasks(page: Page): Promise<{ longestMs: number; totalMs: number }> {
  const tasks = await page.evaluate(
    () => (window as unknown as { __longTasks?: number[] }).__longTasks ?? [],
  );
  return {
    longestMs: Math.round(Math.max(0, ...tasks)),
    totalMs: Math.round(tasks.reduce((a, b) => a + b, 0)),
  };
}

/** The 1-minute load average divided by the CPU count: how contended the machine was. */
export function machineLoad(cpus: number): number {
  return Math.round(((loadavg()[0] ?? 0) / cpus) * 10) / 10;
}
