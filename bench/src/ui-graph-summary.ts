import type { MachineInfo } from './machine.js';
import type { LayoutResult } from './scenarios/graph-layouts.js';
import type { FirstRender } from './scenarios/ui-graph-measures.js';
import type { UiGraphRun } from './scenarios/ui-graph.js';
import { median } from './stats.js';

/** One size of the graph page scenario, with its medians. */
export interface UiGraphResult {
  apps: number;
  runs: UiGraphRun[];
  medianFirstRenderMs: number;
  medianLayoutMs: number;
  medianLongestTaskMs: number;
  /** The first render's main-thread CPU: roughly what an idle machine would take. */
  medianFirstRenderCpuMs: number;
  medianStatusChangeMs: number;
  medianStructureChangeCpuMs: number;
  /** Status changes that caused a new layout (must be 0). */
  statusChangeRelayouts: number;
  medianStructureChangeMs: number;
  medianStructureMovedShare: number;
  medianStructureMeanMovePx: number;
  medianNodes: number;
  medianLoad: number;
  /** One drawing of every node (`?budget=2000`): what the budget saves. */
  allNodes?: FirstRender;
}

/** `results/ui-graph.json`. */
export interface UiGraphReport {
  scenario: 'ui-graph';
  date: string;
  machine: MachineInfo;
  runs: number;
  results: UiGraphResult[];
}

/** `results/graph-layouts.json`. */
export interface GraphLayoutsReport {
  scenario: 'graph-layouts';
  date: string;
  machine: MachineInfo;
  runs: number;
  results: LayoutResult[];
}

/** The medians of the runs of one size. Pure. */
export function uiGraphReport(apps: number, runs: UiGraphRun[], allNodes?: FirstRender): UiGraphResult {
  const m = (pick: (r: UiGraphRun) => number): number => median(runs.map(pick));
  return {
    apps,
    runs,
    medianFirstRenderMs: m((r) => r.firstRender.ms),
    medianLayoutMs: m((r) => r.firstRender.layoutMs),
    medianLongestTaskMs: m((r) => r.firstRender.longestTaskMs),
    medianFirstRenderCpuMs: m((r) => r.firstRender.mainThreadCpuMs ?? 0),
    medianStatusChangeMs: m((r) => r.statusChangeMs),
    medianStructureChangeCpuMs: m((r) => r.structureChangeCpuMs ?? 0),
    statusChangeRelayouts: runs.filter((r) => r.statusChangeRelayout).length,
    medianStructureChangeMs: m((r) => r.structureChangeMs),
    medianStructureMovedShare: m((r) => r.structureMove.movedShare),
    medianStructureMeanMovePx: m((r) => r.structureMove.meanPx),
    medianNodes: m((r) => r.firstRender.nodes),
    medianLoad: m((r) => r.load),
    ...(allNodes ? { allNodes } : {}),
  };
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** The graph page section of SUMMARY.md. Pure. */
export function uiGraphSection(r: UiGraphReport): string[] {
  const m = r.machine;
  return [
    '## Delivery graph in the browser (N Kustomizations of the MTTP shape, Debian Chromium)',
    '',
    `Measured ${r.date} on ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}; median of ${r.runs} run(s), each in a fresh browser context. "load" is the 1-minute load average per CPU during the runs (other work shared the machine).`,
    '',
    '| apps | nodes drawn | first render (goal ≤ 2 s) | of which Mermaid layout | main-thread CPU | longest task | status change shown (goal ≤ 0.5 s) | new layouts on status change | structure change shown (goal ≤ 2 s) | its main-thread CPU | drawn nodes that moved | load per CPU | every node drawn, once |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.results.map(
      (x) =>
        `| ${x.apps} | ${x.medianNodes} | ${seconds(x.medianFirstRenderMs)} | ${seconds(x.medianLayoutMs)} | ${seconds(x.medianFirstRenderCpuMs)} | ${x.medianLongestTaskMs} ms | ${seconds(x.medianStatusChangeMs)} | ${x.statusChangeRelayouts} of ${x.runs.length} | ${seconds(x.medianStructureChangeMs)} | ${seconds(x.medianStructureChangeCpuMs)} | ${Math.round(x.medianStructureMovedShare * 100)} % (mean ${x.medianStructureMeanMovePx} px) | ${x.medianLoad} | ${x.allNodes ? `${seconds(x.allNodes.ms)} (CPU ${seconds(x.allNodes.mainThreadCpuMs ?? 0)}), longest task ${seconds(x.allNodes.longestTaskMs)}` : '—'} |`,
    ),
    '',
  ];
}

/** The Mermaid layouts section of SUMMARY.md. Pure. */
export function graphLayoutsSection(r: GraphLayoutsReport): string[] {
  return [
    '## Mermaid layouts in Chromium (dagre vs ELK, graphs of the MTTP shape)',
    '',
    `Measured ${r.date} on ${r.machine.cpus} × ${r.machine.cpuModel}; median of ${r.runs} run(s).`,
    '',
    '| layout | nodes | render | longest main-thread task | one object added last: nodes moved (mean) | one added in the middle: nodes moved |',
    '|---|---|---|---|---|---|',
    ...r.results.map(
      (x) =>
        `| ${x.layout} | ${x.nodes} | ${seconds(x.renderMs)} | ${x.longestTaskMs} ms | ${Math.round(x.appendMovedShare * 100)} % (${x.appendMeanMovePx} px) | ${Math.round(x.insertMovedShare * 100)} % |`,
    ),
    '',
  ];
}
