import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { Artifact } from '../../api/meta.js';
import type { KubeObject } from '../../kube/objects.js';
import { downloadArtifact } from '../../sources/artifact-fetch.js';
import { packChart, readChartArchive, type LoadedChart } from '../helmchart/chart-archive.js';
import { versionWithDigest } from './chart-revision.js';

/** A chart ready for the helm CLI: a `.tgz` on disk, its metadata and its `crds/` objects. */
export interface ReadyChart {
  path: string;
  name: string;
  version: string;
  appVersion?: string;
  /** Set when the version carries the source's digest (OCI sources). */
  ociDigest?: string;
  crds: KubeObject[];
}

/** Flux's `--helm-chart-max-size`-like cap on a chart artifact. */
const MAX_CHART_BYTES = 10 * 1024 * 1024;
const CACHE_ENTRIES = 128;
const EVICTED_FILE_GRACE_MS = 30 * 60_000;

function chartYaml(chart: LoadedChart): Record<string, unknown> {
  const raw = chart.files.get('Chart.yaml');
  const parsed: unknown = raw ? parse(raw.toString('utf8')) : undefined;
  if (!parsed || typeof parsed !== 'object') throw new Error("no 'Chart.yaml' found");
  return parsed as Record<string, unknown>;
}

function crdObjects(chart: LoadedChart): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const [path, data] of chart.files) {
    if (!/^crds\/.*\.(ya?ml|json)$/.test(path)) continue;
    for (const doc of parseAllDocuments(data.toString('utf8'))) {
      const obj = (Array.isArray(doc) ? undefined : doc.toJS()) as KubeObject | null | undefined;
      if (obj && typeof obj === 'object' && obj.kind && obj.metadata?.name) objects.push(obj);
    }
  }
  return objects;
}

/**
 * Loads chart artifacts for the helm CLI: downloads (digest-checked, capped), and for OCI
 * sources stamps `+<digest12>` on the version (repackaging the chart). Charts are cached on
 * disk by artifact digest and version, so a thousand HelmReleases of one chart load it once.
 */
export class ChartLoader {
  private readonly cache = new Map<string, ReadyChart>();

  constructor(
    private readonly dir: string,
    private readonly artifactUrl: (artifact: Artifact) => string,
  ) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  /** The chart of a source artifact; `digestRevision` asks for Flux's OCI version mutation. */
  async load(artifact: Artifact, digestRevision: boolean, signal?: AbortSignal): Promise<ReadyChart> {
    const key = `${artifact.digest}\0${digestRevision ? artifact.revision : ''}`;
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    const data = await downloadArtifact(
      { ...artifact, url: this.artifactUrl(artifact) },
      { maxBytes: MAX_CHART_BYTES, signal },
    );
    const chart = readChartArchive(data, artifact.path);
    const meta = chartYaml(chart);
    const name = String(meta.name ?? '');
    let version = String(meta.version ?? '');
    let ociDigest: string | undefined;
    let bytes = data;
    if (digestRevision) {
      const mutated = versionWithDigest(version, artifact.revision);
      version = mutated.version;
      ociDigest = mutated.digest;
      bytes = packChart(chart, name, version);
    }
    const file = join(this.dir, `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.tgz`);
    await writeFile(file, bytes, { mode: 0o600 });
    const ready: ReadyChart = {
      path: file,
      name,
      version,
      ...(meta.appVersion !== undefined ? { appVersion: String(meta.appVersion) } : {}),
      ...(ociDigest ? { ociDigest } : {}),
      crds: crdObjects(chart),
    };
    this.cache.set(key, ready);
    if (this.cache.size > CACHE_ENTRIES) {
      const [oldest, entry] = this.cache.entries().next().value ?? [];
      if (oldest !== undefined) this.cache.delete(oldest);
      // A helm call may still read an evicted file: remove it once no call can be that long.
      if (entry) setTimeout(() => void rm(entry.path, { force: true }), EVICTED_FILE_GRACE_MS).unref();
    }
    return ready;
  }
}
