import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Options for {@link publishCharts}. */
export interface PublishChartsOptions {
  /** The chart repository folder (the one `startChartRepository` serves). */
  root: string;
  /** Chart source folders (each with a `Chart.yaml`). */
  chartDirs: readonly string[];
  /** The repository URL written into `index.yaml` entries. */
  url: string;
  /** Path of the pinned helm binary. */
  helmBin: string;
}

/** `helm package` or `helm repo index` failed; the message carries helm's stderr. */
export class ChartPublishError extends Error {
  override readonly name = 'ChartPublishError';
}

/** Packages each chart into `root` with the real helm CLI, then regenerates `root/index.yaml`. */
export async function publishCharts(options: PublishChartsOptions): Promise<void> {
  await mkdir(options.root, { recursive: true });
  for (const dir of options.chartDirs) {
    await helm(options.helmBin, ['package', dir, '--destination', options.root]);
  }
  await helm(options.helmBin, ['repo', 'index', options.root, '--url', options.url]);
}

async function helm(helmBin: string, args: string[]): Promise<void> {
  try {
    await run(helmBin, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: unknown }).stderr;
    const detail = typeof stderr === 'string' && stderr.trim() ? stderr.trim() : String(error);
    throw new ChartPublishError(`helm ${args.join(' ')} failed: ${detail}`, { cause: error });
  }
}
