import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeClient, Resources } from '@tideline/core';
import { freePort, startControlPlane } from '@tideline/sandbox';
import { median } from '../../stats.js';
import {
  benchPage,
  launchChromium,
  measureOverview,
  measureScroll,
  type OverviewLoad,
  type ScrollRun,
} from './browser.js';
import { createEvents, createObjects, markObject, prepareCluster } from './cluster-objects.js';
import { rssMiB, startServer, type ServerProcess } from './server-process.js';
import { closeClients, measureFanOut, openClients, type SseRun } from './sse-clients.js';

/** What the ui scenario is asked to do. */
export interface UiOptions {
  overviewObjects: number;
  scrollObjects: number;
  runs: number;
  sseClients: number;
  events: number;
  log: (line: string) => void;
}

/** Everything one ui run measured. */
export interface UiRun {
  overview: {
    objects: number;
    runs: OverviewLoad[];
    medianRowsVisibleMs: number;
    medianInteractiveMs: number;
  };
  overviewAtScroll: { objects: number; runs: OverviewLoad[]; medianInteractiveMs: number };
  scroll: { objects: number; runs: ScrollRun[]; medianFps: number; worstLongTaskMs: number };
  sse: SseRun & { rssBeforeMiB: number; rssWithClientsMiB: number };
  memory: {
    objects: number;
    eventsInCluster: number;
    eventsKept: number;
    eventCap: number;
    rssMiB: number;
    peakRssMiB: number;
  };
  setup: { objectsPerSecond: number; eventsPerSecond: number };
  /** The machine's 1-minute load average when each part was measured (other work on it skews timings). */
  load: { overview: number; scroll: number; sse: number };
}

interface EventsPage {
  kept: number;
  limits: { total: number };
}

/** Resolves once the server's store holds `n` objects. */
async function waitForObjects(server: ServerProcess, n: number): Promise<string> {
  for (const started = Date.now(); ;) {
    const snapshot = await server.query<{ items: unknown[]; cursor: string }>('objects.snapshot');
    if (snapshot.items.length >= n) return snapshot.cursor;
    if (Date.now() - started > 300_000) throw new Error(`server holds ${snapshot.items.length}/${n} objects`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Browser loads of the overview: rows visible and interactive, medians of `runs`. */
async function overviewLoads(server: ServerProcess, runs: number): Promise<OverviewLoad[]> {
  const browser = await launchChromium();
  try {
    const loads: OverviewLoad[] = [];
    // One unmeasured load first: the server's first render of each route compiles and caches it.
    const warm = await benchPage(browser, server.url);
    await measureOverview(warm, server.url);
    await warm.context().close();
    for (let r = 0; r < runs; r++) {
      const page = await benchPage(browser, server.url);
      loads.push(await measureOverview(page, server.url));
      await page.context().close();
    }
    return loads;
  } finally {
    await browser.close();
  }
}

/** Scroll runs over the overview, each on a freshly loaded page. */
async function scrollRuns(server: ServerProcess, runs: number): Promise<ScrollRun[]> {
  const browser = await launchChromium();
  try {
    const out: ScrollRun[] = [];
    for (let r = 0; r < runs; r++) {
      const page = await benchPage(browser, server.url);
      await measureOverview(page, server.url);
      out.push(await measureScroll(page));
      await page.context().close();
    }
    return out;
  } finally {
    await browser.close();
  }
}

/**
 * The dashboard at scale on the sandbox's real kube-apiserver: N generated Flux objects (with
 * the status controllers would write), Tideline in observe mode in its own process, Debian's
 * Chromium through Playwright; then 1,000 live-stream clients, then 100,000 Events.
 */
export async function runUi(options: UiOptions): Promise<UiRun> {
  const { log } = options;
  const dir = mkdtempSync(join(tmpdir(), 'bench-ui-'));
  const plane = await startControlPlane({ dataDir: join(dir, 'plane') });
  let server: ServerProcess | undefined;
  try {
    const resources = new Resources(await KubeClient.fromKubeconfig(plane.kubeconfigPath));
    await prepareCluster(resources);
    let started = Date.now();
    await createObjects(resources, 0, options.overviewObjects);
    const objectsPerSecond = Math.round(options.overviewObjects / ((Date.now() - started) / 1000));
    log(`  ui: ${options.overviewObjects} objects created (${objectsPerSecond}/s)`);
    server = await startServer(plane.kubeconfigPath, join(dir, 'state'), await freePort());
    await waitForObjects(server, options.overviewObjects);
    const loadOverview = loadavg()[0] ?? 0;
    const loads = await overviewLoads(server, options.runs);
    log(`  ui: overview of ${options.overviewObjects}: ${JSON.stringify(loads)}`);

    await createObjects(resources, options.overviewObjects, options.scrollObjects);
    const cursor = await waitForObjects(server, options.scrollObjects);
    const bigLoads = await overviewLoads(server, options.runs);
    const loadScroll = loadavg()[0] ?? 0;
    const scrolls = await scrollRuns(server, options.runs);
    log(
      `  ui: overview of ${options.scrollObjects}: ${JSON.stringify(bigLoads)}; scroll ${JSON.stringify(scrolls)}`,
    );

    const rssBefore = rssMiB(server.pid).rss;
    const markers = Array.from({ length: 20 }, (_, k) => `bench-marker-${k}-${Date.now().toString(36)}`);
    const clients = await openClients(server.url, cursor, options.sseClients, markers);
    const rssWithClients = rssMiB(server.pid).rss;
    const loadSse = loadavg()[0] ?? 0;
    const sse = await measureFanOut(clients, markers, (marker) => markObject(resources, 1, marker));
    closeClients(clients);
    log(
      `  ui: ${options.sseClients} SSE clients: ${JSON.stringify(sse)}, RSS ${rssBefore} → ${rssWithClients} MiB`,
    );

    started = Date.now();
    await createEvents(resources, options.scrollObjects, options.events);
    const eventsPerSecond = Math.round(options.events / ((Date.now() - started) / 1000));
    let page = await server.query<EventsPage>('events.list', { limit: 1 });
    for (let waited = 0; page.kept < Math.min(options.events, page.limits.total) && waited < 120; waited++) {
      await new Promise((r) => setTimeout(r, 1000));
      page = await server.query<EventsPage>('events.list', { limit: 1 });
    }
    const memory = rssMiB(server.pid);
    log(
      `  ui: ${options.events} Events (${eventsPerSecond}/s): kept ${page.kept}, RSS ${memory.rss} MiB (peak ${memory.peak})`,
    );
    return {
      overview: {
        objects: options.overviewObjects,
        runs: loads,
        medianRowsVisibleMs: median(loads.map((l) => l.rowsVisibleMs)),
        medianInteractiveMs: median(loads.map((l) => l.interactiveMs)),
      },
      overviewAtScroll: {
        objects: options.scrollObjects,
        runs: bigLoads,
        medianInteractiveMs: median(bigLoads.map((l) => l.interactiveMs)),
      },
      scroll: {
        objects: options.scrollObjects,
        runs: scrolls,
        medianFps: median(scrolls.map((s) => s.fps)),
        worstLongTaskMs: Math.max(0, ...scrolls.map((s) => s.longestTaskMs)),
      },
      sse: { ...sse, rssBeforeMiB: rssBefore, rssWithClientsMiB: rssWithClients },
      memory: {
        objects: options.scrollObjects,
        eventsInCluster: options.events,
        eventsKept: page.kept,
        eventCap: page.limits.total,
        rssMiB: memory.rss,
        peakRssMiB: memory.peak,
      },
      setup: { objectsPerSecond, eventsPerSecond },
      load: { overview: loadOverview, scroll: loadScroll, sse: loadSse },
    };
  } finally {
    await server?.stop();
    await plane.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
