import { parse } from 'yaml';
import { parseConstraints, parseVersion, satisfies, type Constraints } from '../../semver/index.js';
import { cleanPath } from './build-metadata.js';
import {
  directoryChartMetadata,
  readChartArchive,
  validateChartMetadata,
  type ChartLimits,
  type LoadedChart,
} from './chart-archive.js';

/** A dependency as `Chart.yaml` (or `Chart.lock`, `requirements.yaml`) declares it. */
export interface ChartDependency {
  name: string;
  version?: string;
  repository?: string;
  alias?: string;
}

function dependenciesIn(data: Buffer | undefined, file: string): ChartDependency[] | undefined {
  if (!data) return undefined;
  let parsed: { dependencies?: unknown } | null;
  try {
    parsed = parse(data.toString('utf8'), { maxAliasCount: 100 }) as { dependencies?: unknown } | null;
  } catch (error) {
    // Helm's chart loader: `cannot load Chart.lock: …` (an alias bomb or a syntax error alike).
    throw new Error(`cannot load ${file}: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed?.dependencies)) return undefined;
  return (parsed.dependencies as Record<string, unknown>[])
    .filter((d) => d && typeof d.name === 'string')
    .map((d) => ({
      name: String(d.name),
      version: d.version === undefined ? undefined : String(d.version),
      repository: typeof d.repository === 'string' ? d.repository : undefined,
      alias: typeof d.alias === 'string' && d.alias !== '' ? d.alias : undefined,
    }));
}

/** The dependencies a chart asks for: the lock file's when there is one, as Helm and Flux read them. Pure. */
export function requiredDependencies(chart: LoadedChart): ChartDependency[] {
  return (
    dependenciesIn(chart.files.get('Chart.lock'), 'Chart.lock') ??
    dependenciesIn(chart.files.get('requirements.lock'), 'requirements.lock') ??
    dependenciesIn(chart.files.get('Chart.yaml'), 'Chart.yaml') ??
    dependenciesIn(chart.files.get('requirements.yaml'), 'requirements.yaml') ??
    []
  );
}

/** The names of the subcharts already in `charts/` (folders or archives), by their metadata. Pure. */
export function presentDependencies(chart: LoadedChart, limits: ChartLimits): string[] {
  const names: string[] = [];
  for (const [path, data] of chart.files) {
    const rest = path.startsWith('charts/') ? path.slice('charts/'.length) : undefined;
    if (rest === undefined) continue;
    try {
      if (/^[^/]+\/Chart\.yaml$/.test(rest))
        names.push(
          validateChartMetadata(directoryChartMetadata(chart.files, path.slice(0, -'/Chart.yaml'.length)))
            .name,
        );
      else if (/^[^/]+\.tgz$/.test(rest))
        names.push(validateChartMetadata(readChartArchive(data, rest, limits).metadata).name);
    } catch {
      // Helm would refuse such a chart when loading it; it counts as absent here.
    }
  }
  return names;
}

/**
 * Flux `collectMissing`: the required dependencies (by alias, else name) that no subchart in
 * `charts/` provides; nothing when the counts already agree. Pure.
 */
export function missingDependencies(
  required: readonly ChartDependency[],
  present: readonly string[],
): Map<string, ChartDependency> {
  const missing = new Map<string, ChartDependency>();
  if (required.length === present.length) return missing;
  for (const dep of required) {
    const name = dep.alias ?? dep.name;
    if (!present.includes(name)) missing.set(name, dep);
  }
  return missing;
}

/** Whether a dependency lives in the same source (`file://…` or no repository). Pure. */
export function isLocalDependency(dep: ChartDependency): boolean {
  return dep.repository === undefined || dep.repository === '' || dep.repository.startsWith('file://');
}

/**
 * Where a local dependency lives, relative to the source root and clamped inside it (Flux
 * `secureLocalChartPath`): `charts/<name>` without a repository, else the `file://` path taken
 * from the chart folder. Pure.
 */
export function localDependencyPath(chartPath: string, dep: ChartDependency): string {
  const target = dep.repository
    ? `${chartPath}/${dep.repository.slice('file://'.length)}`
    : `${chartPath}/charts/${dep.name}`;
  const clean = cleanPath(`/${target}`);
  return clean === '/' ? '' : clean.slice(1);
}

/** A dependency's version constraint, with Flux's message for a bad one. Pure. */
export function dependencyConstraint(dep: ChartDependency): Constraints {
  try {
    return parseConstraints(dep.version ?? '');
  } catch (error) {
    throw new Error(`invalid version/constraint format '${dep.version ?? ''}': ${(error as Error).message}`);
  }
}

/** Checks a subchart's version against the dependency's constraint, with Flux's message. Pure. */
export function checkDependencyVersion(
  dep: ChartDependency,
  constraints: Constraints,
  version: string,
): void {
  if (!satisfies(constraints, parseVersion(version)))
    throw new Error(`can't get a valid version for constraint '${dep.version ?? ''}'`);
}

/**
 * Adds a subchart as Helm's `chartutil.Save` writes dependencies: a folder under `charts/`,
 * named (and renamed in its `Chart.yaml`) after the alias when there is one. Pure (mutates `chart`).
 */
export function addDependency(chart: LoadedChart, dependency: LoadedChart, dep: ChartDependency): void {
  const name = dep.alias ?? validateChartMetadata(dependency.metadata).name;
  for (const [path, data] of dependency.files) {
    let content = data;
    if (path === 'Chart.yaml' && dep.alias)
      content = Buffer.from(data.toString('utf8').replace(/^name:.*$/m, `name: ${dep.alias}`));
    chart.files.set(`charts/${name}/${path}`, content);
  }
}
