import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../config.js';
import { pinnedTool } from '../cli/pinned-tools.js';

/** The chart that installs Tideline itself. */
export const CHART_DIR = join(REPO_ROOT, 'deploy', 'chart', 'tideline');

/** One rendered Kubernetes object, as far as the chart tests look into it. */
export interface RenderedObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** What a helm run printed, and whether it succeeded. */
export interface HelmRun {
  ok: boolean;
  stdout: string;
  stderr: string;
}

/**
 * Runs the pinned helm with argv (never a shell), a 3-minute cap and the values as a file.
 * Asynchronous on purpose: the sandbox's simulated kubelet runs in this process, and a blocked
 * event loop would keep `helm --wait` from ever seeing a pod Ready.
 */
export async function runHelm(args: readonly string[], values?: Record<string, unknown>): Promise<HelmRun> {
  const dir = mkdtempSync(join(tmpdir(), 'tideline-chart-'));
  try {
    const file = join(dir, 'values.json');
    writeFileSync(file, JSON.stringify(values ?? {}));
    const { stdout, stderr } = await promisify(execFile)(
      pinnedTool('helm'),
      values ? [...args, '--values', file] : [...args],
      {
        encoding: 'utf8',
        timeout: 180_000,
        maxBuffer: 16 * 1024 * 1024,
        env: { ...process.env, HELM_CACHE_HOME: dir, HELM_CONFIG_HOME: dir, HELM_DATA_HOME: dir },
      },
    );
    return { ok: true, stdout, stderr };
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    return { ok: false, stdout: e.stdout ?? '', stderr: e.stderr || e.message };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Parses helm's multi-document output into objects (empty documents dropped). */
export function parseManifests(text: string): RenderedObject[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as RenderedObject | null)
    .filter((obj): obj is RenderedObject => obj !== null && typeof obj === 'object' && 'kind' in obj);
}

/** `helm template` of the chart with these values; throws with helm's message when it fails. */
export async function renderChart(
  values: Record<string, unknown> = {},
  options: { namespace?: string; kubeVersion?: string; release?: string } = {},
): Promise<RenderedObject[]> {
  const args = ['template', options.release ?? 'tideline', CHART_DIR];
  args.push('--namespace', options.namespace ?? 'flux-system');
  if (options.kubeVersion) args.push('--kube-version', options.kubeVersion);
  const run = await runHelm(args, values);
  if (!run.ok) throw new Error(`helm template failed: ${run.stderr}`);
  return parseManifests(run.stdout);
}

/** The one rendered object of this kind (and name, when given); throws when there is none. */
export function findObject(objects: readonly RenderedObject[], kind: string, name?: string): RenderedObject {
  const found = objects.find((o) => o.kind === kind && (name === undefined || o.metadata.name === name));
  if (!found)
    throw new Error(`no ${kind}${name ? `/${name}` : ''} among ${objects.map(describe).join(', ')}`);
  return found;
}

/** `Kind/name` of an object, for messages and set comparisons. */
export function describe(obj: RenderedObject): string {
  return `${obj.kind}/${obj.metadata.name}`;
}
