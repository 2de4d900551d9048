import type { HelmRepository } from '../../api/helmrepository-v1.js';
import type { Resources } from '../../kube/resources.js';
import { parseDuration } from '../../runtime/duration.js';
import type { AddressPolicy } from '../../sources/address-policy.js';
import { downloadChart, resolveChartUrl } from '../../sources/helm-chart-download.js';
import { mayPassCredentials } from '../../sources/http-get.js';
import { CredentialsError, loadCredentials } from '../helmrepository/credentials.js';
import type { ChartLimits } from './chart-archive.js';
import type { IndexChartVersion } from './chart-version.js';

/** Raised when the repository's credentials cannot be read (Flux: AuthenticationFailed). */
export class ChartCredentialsError extends CredentialsError {}

/**
 * A download function for a HelmRepository's charts: the repository's credentials, its timeout
 * (default 1m) and the chart size cap; the index digest is verified when present.
 */
export async function remoteDownloader(
  resources: Resources,
  repo: HelmRepository,
  limits: ChartLimits,
  signal: AbortSignal,
  addressPolicy?: AddressPolicy,
): Promise<(entry: IndexChartVersion) => Promise<Buffer>> {
  let credentials;
  try {
    credentials = await loadCredentials(resources, repo.metadata.namespace ?? 'default', repo.spec);
  } catch (error) {
    if (error instanceof CredentialsError) throw new ChartCredentialsError(error.message);
    throw error;
  }
  const timeoutMs = parseDuration(repo.spec.timeout ?? '1m');
  return (entry) => {
    const first = entry.urls?.[0];
    if (!first) throw new Error(`chart '${entry.name ?? ''}' has no downloadable URLs`);
    const url = resolveChartUrl(repo.spec.url, first);
    const pass = mayPassCredentials(repo.spec.url, url, repo.spec.passCredentials ?? false);
    return downloadChart(url, {
      timeoutMs,
      signal,
      maxBytes: limits.maxArchiveBytes,
      fileName: `${entry.name ?? ''}-${entry.version ?? ''}.tgz`,
      digest: entry.digest,
      caPem: credentials.caPem,
      basicAuth: pass ? credentials.basicAuth : undefined,
      passCredentials: repo.spec.passCredentials ?? false,
      addressPolicy,
    });
  };
}
