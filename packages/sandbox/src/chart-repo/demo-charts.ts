import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readState } from '../state.js';
import { publishCharts } from './publish-charts.js';

/** The charts this package ships for the demo and the tests (podinfo 6.2.1 and 6.2.2). */
export const CHART_FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../fixtures/charts');

/** The fixture chart folders, by name. */
export const DEMO_CHARTS = ['podinfo-6.2.1', 'podinfo-6.2.2'] as const;

/**
 * Publishes the demo charts to the chart repository of the sandbox running in `dir` (once: an
 * index that lists them already is left alone), with the real helm. Resolves the repository URL.
 */
export async function publishDemoCharts(dir: string, helmBin: string): Promise<string> {
  const state = readState(dir);
  if (!state) throw new Error(`no sandbox is running in ${dir}`);
  const root = join(dir, 'charts');
  const index = join(root, 'index.yaml');
  const listed = existsSync(index) ? readFileSync(index, 'utf8') : '';
  const missing = DEMO_CHARTS.some((c) => !listed.includes(`${state.chartRepoUrl}/${c}.tgz`));
  if (missing) {
    await publishCharts({
      root,
      chartDirs: DEMO_CHARTS.map((c) => join(CHART_FIXTURES_DIR, c)),
      url: state.chartRepoUrl,
      helmBin,
    });
  }
  return state.chartRepoUrl;
}
