import { parse } from 'yaml';
import type { HelmRepository } from '../../api/helmrepository-v1.js';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import type { ArtifactStore } from '../../sources/artifact-store.js';
import { downloadChart, resolveChartUrl } from '../../sources/helm-chart-download.js';
import { fetchHelmIndex, helmIndexEntries } from '../../sources/helm-index.js';
import { parseDuration } from '../../runtime/duration.js';
import { loadCredentials, type HelmRepositoryCredentials } from '../helmrepository/credentials.js';
import { readChartArchive, type ChartLimits, type LoadedChart } from './chart-archive.js';
import type { IndexCache } from './chart-source.js';
import { selectChartVersion, type IndexChartVersion } from './chart-version.js';
import type { ChartDependency } from './dependencies.js';
import { mayPassCredentials } from '../../sources/http-get.js';
import type { AddressPolicy } from '../../sources/address-policy.js';

/** Flux `repository.NormalizeURL` for HTTP repositories: exactly one trailing slash. Pure. */
export function normalizeRepositoryUrl(url: string): string {
  return `${url.replace(/\/+$/, '')}/`;
}

/** Flux `ValidateDepURL`: http(s) only here (OCI dependencies are not served yet). Pure. */
export function validateDependencyUrl(url: string): void {
  if (url.startsWith('https://') || url.startsWith('http://')) return;
  if (url.startsWith('@') || url.startsWith('alias:'))
    throw new Error(`aliased repository dependency is not supported: ${url}`);
  if (url.startsWith('oci://'))
    throw new Error(`OCI dependency repositories are not supported by Tideline yet: ${url}`);
  throw new Error(`invalid dependency repository URL: ${url}`);
}

interface DependencyRepository {
  url: string;
  entries: Record<string, IndexChartVersion[] | undefined>;
  credentials: HelmRepositoryCredentials;
  passCredentials: boolean;
  timeoutMs: number;
}

/** What the resolver needs from the reconciler. */
export interface DependencyResolverDeps {
  resources: Resources;
  store: ArtifactStore;
  indexes: IndexCache;
  limits: ChartLimits;
  addressPolicy?: AddressPolicy;
}

/**
 * Flux's `namespacedChartRepositoryCallback`: a dependency's repository is the HelmRepository of
 * the chart's namespace with the same URL (its stored index and its credentials), or else the
 * URL itself, fetched without credentials (60 s timeout). Charts download within the caps.
 */
export function remoteDependencyResolver(
  deps: DependencyResolverDeps,
  namespace: string,
  signal: AbortSignal,
): (dep: ChartDependency) => Promise<LoadedChart> {
  const repositories = new Map<string, Promise<DependencyRepository>>();
  const repositoryFor = (url: string): Promise<DependencyRepository> => {
    let repo = repositories.get(url);
    if (!repo) {
      repo = openRepository(deps, namespace, url, signal);
      repositories.set(url, repo);
    }
    return repo;
  };
  return async (dep) => {
    const url = normalizeRepositoryUrl(dep.repository ?? '');
    validateDependencyUrl(url);
    let repo: DependencyRepository;
    try {
      repo = await repositoryFor(url);
    } catch (error) {
      throw new Error(`failed to get chart repository for URL '${url}': ${(error as Error).message}`);
    }
    let entry: IndexChartVersion;
    try {
      entry = selectChartVersion(repo.entries, dep.name, dep.version ?? '');
    } catch (error) {
      throw new Error(
        `failed to get chart '${dep.name}' version '${dep.version ?? ''}' from '${dep.repository ?? ''}': ${(error as Error).message}`,
      );
    }
    const chartUrl = resolveChartUrl(repo.url, entry.urls?.[0] ?? '');
    const fileName = `${dep.name}-${entry.version ?? ''}.tgz`;
    let data: Buffer;
    try {
      data = await downloadChart(chartUrl, {
        timeoutMs: repo.timeoutMs,
        signal,
        maxBytes: deps.limits.maxArchiveBytes,
        fileName,
        digest: entry.digest,
        caPem: repo.credentials.caPem,
        basicAuth: mayPassCredentials(repo.url, chartUrl, repo.passCredentials)
          ? repo.credentials.basicAuth
          : undefined,
        passCredentials: repo.passCredentials,
        addressPolicy: deps.addressPolicy,
      });
    } catch (error) {
      throw new Error(
        `chart download of version '${entry.version ?? ''}' failed: ${(error as Error).message}`,
      );
    }
    try {
      return readChartArchive(data, fileName, deps.limits);
    } catch (error) {
      throw new Error(
        `failed to load downloaded archive of version '${entry.version ?? ''}': ${(error as Error).message}`,
      );
    }
  };
}

async function openRepository(
  deps: DependencyResolverDeps,
  namespace: string,
  url: string,
  signal: AbortSignal,
): Promise<DependencyRepository> {
  const list = await deps.resources.list<HelmRepository & KubeObject>(SOURCE_API_VERSION, 'HelmRepository', {
    namespace,
  });
  const known = list.items.find((r) => r.spec.type !== 'oci' && normalizeRepositoryUrl(r.spec.url) === url);
  if (known?.status?.artifact) {
    return {
      url,
      entries: await deps.indexes.read(deps.store, known.status.artifact),
      credentials: await loadCredentials(deps.resources, namespace, known.spec),
      passCredentials: known.spec.passCredentials ?? false,
      timeoutMs: parseDuration(known.spec.timeout ?? '1m'),
    };
  }
  const raw = await fetchHelmIndex(url, { timeoutMs: 60_000, signal, addressPolicy: deps.addressPolicy });
  const index = parse(raw.toString('utf8'), { maxAliasCount: 0 }) as { entries?: unknown } | null;
  const entries = helmIndexEntries(index?.entries);
  return { url, entries, credentials: {}, passCredentials: false, timeoutMs: 60_000 };
}
