import type { Browser, CDPSession, Page } from '@playwright/test';
import { longTasks, recordLongTasks } from '../browser.js';

/** A graph drawn from scratch in a fresh browser context (nothing cached). */
export interface FirstRender {
  /** Navigation start → the first drawing styled with its states. */
  ms: number;
  /** Mermaid's layout alone (`mermaid.render`). */
  layoutMs: number;
  /** Navigation start → the graph's data in the page, and → Mermaid's code loaded. */
  dataMs: number;
  mermaidLoadedMs: number;
  longestTaskMs: number;
  blockedMs: number;
  /** CPU time of the page's main thread over the same span: what contention does not inflate. */
  mainThreadCpuMs: number;
  nodes: number;
}

/** Node centres by Mermaid id, in the SVG's own coordinates (independent of CSS scaling). */
export type Positions = Record<string, [number, number]>;

/** CPU seconds the page's main thread has used so far (Chromium's `ThreadTime` metric), in ms. */
export async function mainThreadCpuMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return (metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
}

/** Logs in through the login form. */
export async function logIn(page: Page, baseUrl: string, token: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Admin token').fill(token);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor({ timeout: 120_000 });
}

/** Opens the graph in a fresh context and measures its first drawing; the page stays open. */
export async function firstRender(
  browser: Browser,
  baseUrl: string,
  token: string,
  path = '/graph',
  timeoutMs = 120_000,
): Promise<{ page: Page; cdp: CDPSession; result: FirstRender }> {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const page = await context.newPage();
  await logIn(page, baseUrl, token);
  await recordLongTasks(page);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const cpuBefore = await mainThreadCpuMs(cdp);
  await page.goto(`${baseUrl}${path}`);
  await page.waitForFunction(
    () => performance.getEntriesByName('tideline:graph-styled').length > 0,
    undefined,
    {
      timeout: timeoutMs,
      polling: 50,
    },
  );
  const measured = await page.evaluate(() => {
    const at = (name: string): number => Math.round(performance.getEntriesByName(name)[0]?.startTime ?? 0);
    return {
      ms: at('tideline:graph-styled'),
      dataMs: at('tideline:graph-data'),
      mermaidLoadedMs: at('tideline:mermaid-loaded'),
      layoutMs: Math.round(performance.getEntriesByName('tideline:mermaid-render')[0]?.duration ?? 0),
      nodes: document.querySelectorAll('#tideline-graph-canvas g.node').length,
    };
  });
  const tasks = await longTasks(page);
  // A browser-started navigation may move the page to a new renderer, whose clock starts at zero.
  const cpuAfter = await mainThreadCpuMs(cdp);
  const cpu = Math.round(cpuAfter >= cpuBefore ? cpuAfter - cpuBefore : cpuAfter);
  return {
    page,
    cdp,
    result: {
      ms: measured.ms,
      layoutMs: measured.layoutMs,
      dataMs: measured.dataMs,
      mermaidLoadedMs: measured.mermaidLoadedMs,
      longestTaskMs: tasks.longestMs,
      blockedMs: tasks.totalMs,
      mainThreadCpuMs: cpu,
      nodes: measured.nodes,
    },
  };
}

/** How many layouts the open graph has made. */
export async function layoutCount(page: Page): Promise<number> {
  return Number(await page.locator('figure[data-layouts]').getAttribute('data-layouts'));
}

/**
 * Resolves the wall-clock time (ms since epoch) at which a drawn node first shows `state`,
 * watching from now on; call it before causing the change.
 */
export async function watchForState(
  page: Page,
  state: string,
  timeoutMs: number,
): Promise<() => Promise<number>> {
  await page.evaluate(
    ({ state, timeoutMs }) => {
      const w = window as unknown as { __seen?: Promise<number> };
      const canvas = document.getElementById('tideline-graph-canvas');
      w.__seen = new Promise((resolve, reject) => {
        if (!canvas) return reject(new Error('no graph'));
        const observer = new MutationObserver((records) => {
          if (records.some((r) => (r.target as Element).getAttribute('data-state') === state)) {
            observer.disconnect();
            resolve(Date.now());
          }
        });
        observer.observe(canvas, { attributes: true, attributeFilter: ['data-state'], subtree: true });
        setTimeout(() => reject(new Error(`no node became ${state}`)), timeoutMs);
      });
    },
    { state, timeoutMs },
  );
  return () => page.evaluate(() => (window as unknown as { __seen: Promise<number> }).__seen);
}

/** Resolves the wall-clock time at which the graph's next layout is styled; call before the change. */
export async function watchForLayout(page: Page, timeoutMs: number): Promise<() => Promise<number>> {
  const before = await layoutCount(page);
  return () =>
    page
      .waitForFunction(
        (n) => Number(document.querySelector('figure[data-layouts]')?.getAttribute('data-layouts')) > n,
        before,
        { timeout: timeoutMs, polling: 'raf' },
      )
      .then(() => Date.now());
}

/** Node centres in the drawn SVG's coordinates, by Mermaid id. */
export function nodePositions(page: Page): Promise<Positions> {
  return page.evaluate(() => {
    const out: Record<string, [number, number]> = {};
    for (const g of document.querySelectorAll<SVGGElement>('#tideline-graph-canvas g.node')) {
      const id = /flowchart-(n[0-9a-z]+)-\d+$/.exec(g.id)?.[1];
      const m = g.transform.baseVal.consolidate()?.matrix;
      if (id && m) out[id] = [m.e, m.f];
    }
    return out;
  });
}

/** How far the nodes drawn both times moved: mean and max distance, and the share that moved at all. Pure. */
export function displacement(
  before: Positions,
  after: Positions,
): { meanPx: number; maxPx: number; movedShare: number; kept: number } {
  const moves = Object.entries(before).flatMap(([id, [x, y]]) => {
    const to = after[id];
    return to ? [Math.hypot(to[0] - x, to[1] - y)] : [];
  });
  if (moves.length === 0) return { meanPx: 0, maxPx: 0, movedShare: 0, kept: 0 };
  return {
    meanPx: Math.round(moves.reduce((a, b) => a + b, 0) / moves.length),
    maxPx: Math.round(Math.max(...moves)),
    movedShare: Math.round((moves.filter((d) => d > 1).length / moves.length) * 100) / 100,
    kept: moves.length,
  };
}
