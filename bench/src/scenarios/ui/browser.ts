import { chromium, type Browser, type Page } from '@playwright/test';
import { BENCH_TOKEN } from './server-process.js';

/** Debian's Chromium, as the e2e runs it. */
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
 * Runs in the page before any of its scripts: records long tasks, and the moment the first
 * data row of the overview (a row with an object link) is in the DOM.
 */
const PROBE = `
  window.__bench = { longTasks: [], rowsAt: undefined };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__bench.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  new MutationObserver((_, observer) => {
    if (document.querySelector('tbody tr[data-index] a[href^="/objects/"]')) {
      window.__bench.rowsAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
`;

/** A logged-in page with the probe installed. */
export async function benchPage(browser: Browser, url: string): Promise<Page> {
  // The probe reads results with string expressions (the bench has no DOM types); the CSP forbids eval.
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, bypassCSP: true });
  const login = await context.request.post(`${url}/api/login`, {
    data: { token: BENCH_TOKEN },
    headers: { origin: url },
  });
  if (!login.ok()) throw new Error(`login failed: ${login.status()}`);
  await context.addInitScript(PROBE);
  return context.newPage();
}

/** The overview's load, from navigation start (ms). */
export interface OverviewLoad {
  rowsVisibleMs: number;
  /** Rows visible and the main thread free: the end of any long task running on from then (500 ms quiet window). */
  interactiveMs: number;
  longestTaskMs: number;
}

/** When the end of the chain of long tasks starting at `from` leaves 500 ms quiet. Pure. */
export function quietAfter(from: number, tasks: readonly [number, number][]): number {
  let t = from;
  for (const [start, duration] of [...tasks].sort((a, b) => a[0] - b[0])) {
    if (start + duration <= t) continue;
    if (start > t + 500) break;
    t = start + duration;
  }
  return t;
}

/** Navigates to the overview and measures rows visible and interactive. */
export async function measureOverview(page: Page, url: string): Promise<OverviewLoad> {
  await page.goto(`${url}/`);
  await page.waitForFunction('window.__bench.rowsAt !== undefined', undefined, { timeout: 120_000 });
  await page.waitForTimeout(1500);
  const probe = (await page.evaluate('window.__bench')) as { rowsAt: number; longTasks: [number, number][] };
  return {
    rowsVisibleMs: Math.round(probe.rowsAt),
    interactiveMs: Math.round(quietAfter(probe.rowsAt, probe.longTasks)),
    longestTaskMs: Math.round(Math.max(0, ...probe.longTasks.map(([, d]) => d))),
  };
}

/** Scrolling the overview table for a few seconds: frames and long tasks while it moves. */
export interface ScrollRun {
  frames: number;
  seconds: number;
  fps: number;
  p95FrameMs: number;
  maxFrameMs: number;
  longTasksOver50Ms: number;
  longestTaskMs: number;
  rowsInDom: number;
}

/** Scrolls the table's container by `pxPerFrame` every animation frame for `ms`, measuring as it goes. */
export async function measureScroll(page: Page, ms = 5000, pxPerFrame = 100): Promise<ScrollRun> {
  const result = (await page.evaluate(`new Promise((resolve) => {
    const box = document.querySelector('table[aria-rowcount]').parentElement;
    const tasksBefore = window.__bench.longTasks.length;
    const frames = [];
    let last = performance.now();
    const started = last;
    const step = (now) => {
      frames.push(now - last);
      last = now;
      box.scrollTop += ${pxPerFrame};
      if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) box.scrollTop = 0;
      if (now - started < ${ms}) requestAnimationFrame(step);
      else setTimeout(() => {
        const tasks = window.__bench.longTasks.slice(tasksBefore).filter(([s]) => s >= started);
        frames.shift();
        const sorted = [...frames].sort((a, b) => a - b);
        resolve({
          frames: frames.length,
          seconds: (now - started) / 1000,
          p95: sorted[Math.floor(sorted.length * 0.95)] ?? 0,
          max: sorted.at(-1) ?? 0,
          over50: tasks.filter(([, d]) => d > 50).length,
          longest: Math.max(0, ...tasks.map(([, d]) => d)),
          rows: document.querySelectorAll('tbody tr[data-index]').length,
        });
      }, 200);
    };
    requestAnimationFrame((now) => { last = now; requestAnimationFrame(step); });
  })`)) as {
    frames: number;
    seconds: number;
    p95: number;
    max: number;
    over50: number;
    longest: number;
    rows: number;
  };
  return {
    frames: result.frames,
    seconds: Math.round(result.seconds * 10) / 10,
    fps: Math.round((result.frames / result.seconds) * 10) / 10,
    p95FrameMs: Math.round(result.p95 * 10) / 10,
    maxFrameMs: Math.round(result.max * 10) / 10,
    longTasksOver50Ms: result.over50,
    longestTaskMs: Math.round(result.longest),
    rowsInDom: result.rows,
  };
}
