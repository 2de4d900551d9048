import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join, normalize } from 'node:path';
import { launchChromium, longTasks, recordLongTasks } from '../browser.js';
import { median } from '../stats.js';

/** Mermaid's layout of one graph size with one layout engine. */
export interface LayoutResult {
  layout: 'dagre' | 'elk';
  nodes: number;
  /** `mermaid.render` of the graph, median of the runs. */
  renderMs: number;
  /** The worst main-thread task while rendering (Mermaid has no worker mode). */
  longestTaskMs: number;
  /** After one object is added (drawn last, as the server orders them): how far the others moved. */
  appendMeanMovePx: number;
  appendMovedShare: number;
  /** After one object is added in the middle (as a sort by name would put it). */
  insertMovedShare: number;
}

const require = createRequire(import.meta.url);
const MERMAID_DIR = dirname(require.resolve('mermaid/package.json'));
const ELK_DIR = dirname(require.resolve('@mermaid-js/layout-elk/package.json'));

const PAGE = `<!doctype html><html><body><div id="out"></div><script type="module">
import mermaid from '/mermaid/dist/mermaid.esm.min.mjs';
import elk from '/elk/dist/mermaid-layout-elk.esm.min.mjs';
mermaid.registerLayoutLoaders(elk);
mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', htmlLabels: false,
  flowchart: { htmlLabels: false, wrappingWidth: 400 }, maxTextSize: 10000000, maxEdges: 100000 });
window.mermaid = mermaid; window.ready = true;
</script></body></html>`;

/** Serves the page and Mermaid's files from node_modules, nothing else. */
function serve(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(req.url ?? '/').split('?')[0] ?? '/';
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
    const [root, rest] = path.startsWith('/mermaid/')
      ? [MERMAID_DIR, path.slice('/mermaid/'.length)]
      : path.startsWith('/elk/')
        ? [ELK_DIR, path.slice('/elk/'.length)]
        : [undefined, ''];
    if (!root || rest.includes('..')) return res.writeHead(404).end();
    readFile(join(root, rest)).then(
      (body) => res.writeHead(200, { 'content-type': 'text/javascript' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        server,
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`,
      });
    }),
  );
}

/**
 * Mermaid alone, in Chromium, on graphs of the MTTP shape (two sources, Kustomizations, some
 * dependsOn, one "N more" group) as the server emits them: render time per size for dagre and
 * ELK, and how far nodes move when an object is added last (the server's order) or in the middle.
 */
export async function runGraphLayouts(
  sizes: readonly number[],
  runs: number,
  log: (l: string) => void,
): Promise<LayoutResult[]> {
  const { server, url } = await serve();
  const browser = await launchChromium();
  const results: LayoutResult[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await recordLongTasks(page);
    await page.goto(url);
    await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
    for (const layout of ['dagre', 'elk'] as const) {
      for (const nodes of sizes) {
        const samples: { ms: number; longest: number; append: number[]; insert: number }[] = [];
        for (let r = 0; r < runs; r++) {
          await page.evaluate(
            () => ((window as unknown as { __longTasks: number[] }).__longTasks.length = 0),
          );
          const sample = await page.evaluate(measureInPage, { layout, nodes });
          samples.push({ ...sample, longest: (await longTasks(page)).longestMs });
        }
        const result: LayoutResult = {
          layout,
          nodes,
          renderMs: Math.round(median(samples.map((s) => s.ms))),
          longestTaskMs: Math.round(median(samples.map((s) => s.longest))),
          appendMeanMovePx: Math.round(median(samples.map((s) => s.append[0] ?? 0))),
          appendMovedShare: median(samples.map((s) => s.append[1] ?? 0)),
          insertMovedShare: median(samples.map((s) => s.insert)),
        };
        results.push(result);
        log(`  graph-layouts ${JSON.stringify(result)}`);
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  return results;
}

/** Runs in the page: renders the graph, then with one node appended, then with one inserted. */
async function measureInPage({ layout, nodes }: { layout: string; nodes: number }): Promise<{
  ms: number;
  append: [number, number];
  insert: number;
}> {
  const mermaid = (
    window as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }
  ).mermaid;
  // As the server emits them: objects oldest first (a newly added one last), then the "N more" groups.
  const text = (ids: number[], added: number[] = []): string => {
    const lines = [`---\nconfig:\n  layout: ${layout}\n---`, 'flowchart LR'];
    lines.push(
      '  s0["GitRepository<br/>flux-system/bench"]:::object',
      '  s1["GitRepository<br/>flux-system/infra"]:::object',
    );
    for (const i of ids) lines.push(`  k${i}["Kustomization<br/>flux-system/app-${i}"]:::object`);
    for (const i of added) lines.push(`  k${i}["Kustomization<br/>flux-system/app-${i}"]:::object`);
    lines.push('  more["Kustomization #215;940 more<br/>flux-system"]:::more');
    const all = [...ids, ...added];
    for (const i of all) lines.push(`  s${i % 7 === 0 ? 1 : 0} --> k${i}`);
    for (const i of all) if (i % 5 === 0 && all.includes(i + 1)) lines.push(`  k${i} -.-> k${i + 1}`);
    lines.push('  s0 --> more');
    return lines.join('\n');
  };
  const draw = async (
    ids: number[],
    added: number[] = [],
  ): Promise<[Map<string, [number, number]>, number]> => {
    const t0 = performance.now();
    const { svg } = await mermaid.render(`g${Math.random().toString(36).slice(2)}`, text(ids, added));
    const ms = performance.now() - t0;
    const out = document.getElementById('out') as HTMLElement;
    out.innerHTML = svg;
    const at = new Map<string, [number, number]>();
    for (const g of out.querySelectorAll<SVGGElement>('g.node')) {
      const id = /flowchart-(\w+)-\d+$/.exec(g.id)?.[1];
      const m = g.transform.baseVal.consolidate()?.matrix;
      if (id && m) at.set(id, [m.e, m.f]);
    }
    return [at, ms];
  };
  const moved = (a: Map<string, [number, number]>, b: Map<string, [number, number]>): [number, number] => {
    const d = [...a].flatMap(([id, [x, y]]) => {
      const to = b.get(id);
      return to ? [Math.hypot(to[0] - x, to[1] - y)] : [];
    });
    return [
      d.reduce((s, v) => s + v, 0) / Math.max(1, d.length),
      d.filter((v) => v > 1).length / Math.max(1, d.length),
    ];
  };
  const base = Array.from({ length: nodes - 3 }, (_, i) => i);
  const [before, ms] = await draw(base);
  const [appended] = await draw(base, [nodes + 1]);
  const half = Math.floor(base.length / 2);
  const [inserted] = await draw([...base.slice(0, half), 100_000, ...base.slice(half)]);
  return { ms, append: moved(before, appended), insert: moved(before, inserted)[1] };
}
