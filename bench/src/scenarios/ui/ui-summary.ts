import type { MachineInfo } from '../../machine.js';
import type { UiRun } from './ui.js';

/** `results/ui.json`. */
export interface UiReport {
  scenario: 'ui';
  date: string;
  machine: MachineInfo;
  chromium: string;
  runs: number;
  result: UiRun;
}

/** The ui section of SUMMARY.md (and the README's performance table). Pure. */
export function uiSection(r: UiReport): string[] {
  const x = r.result;
  const m = r.machine;
  return [
    '## Dashboard at scale (Debian Chromium via Playwright, generated Flux objects on the sandbox kube-apiserver)',
    '',
    `Measured ${r.date} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}, Kubernetes ${m.kubernetes}, ${r.chromium}; medians of ${r.runs} browser run(s); server in observe mode, its own process.${x.load ? ` The machine was shared: 1-minute load average ${x.load.overview.toFixed(1)} (overview), ${x.load.scroll.toFixed(1)} (scroll), ${x.load.sse.toFixed(1)} (SSE) on ${m.cpus} CPUs.` : ''}`,
    '',
    '| measure | goal | Tideline |',
    '|---|---|---|',
    `| Overview of ${x.overview.objects} Flux objects: navigation → rows visible | | ${x.overview.medianRowsVisibleMs} ms |`,
    `| Overview of ${x.overview.objects}: navigation → rows visible and interactive (main thread quiet) | ≤ 1.5 s | ${x.overview.medianInteractiveMs} ms |`,
    `| Overview of ${x.overviewAtScroll.objects}: navigation → interactive | | ${x.overviewAtScroll.medianInteractiveMs} ms |`,
    `| Scrolling ${x.scroll.objects} rows: frame rate; long tasks > 50 ms while scrolling | 60 fps, none | ${x.scroll.medianFps} fps; ${x.scroll.runs.reduce((s, run) => s + run.longTasksOver50Ms, 0)} (longest ${x.scroll.worstLongTaskMs} ms); ${x.scroll.runs[0]?.rowsInDom ?? 0} rows in the DOM |`,
    `| ${x.sse.clients} live-stream clients, ${x.sse.changes} changes: delivery from the status patch (p50 / p99 / max) | p99 ≤ 200 ms | ${x.sse.p50Ms} / ${x.sse.p99Ms} / ${x.sse.maxMs} ms, ${x.sse.missed} missed |`,
    `| Server RSS: ${x.overviewAtScroll.objects} objects idle → with ${x.sse.clients} clients | bounded | ${x.sse.rssBeforeMiB} → ${x.sse.rssWithClientsMiB} MiB |`,
    `| Server RSS with ${x.memory.objects} objects and ${x.memory.eventsInCluster} Events in the cluster | report; bounded by caps | ${x.memory.rssMiB} MiB (peak ${x.memory.peakRssMiB} MiB); Events kept ${x.memory.eventsKept} (cap ${x.memory.eventCap}) |`,
    '',
  ];
}
