import type { HelmRepository } from '../../api/helmrepository-v1.js';
import type { Resources } from '../../kube/resources.js';
import { deadlineSignal } from '../../runtime/deadline.js';
import { parseDuration } from '../../runtime/duration.js';
import type { AddressPolicy } from '../../sources/address-policy.js';
import { parseOciUrl } from '../../sources/oci/oci-reference.js';
import { OciRegistryClient } from '../../sources/oci/registry-client.js';
import type { RegistryLogin } from '../../sources/oci/docker-config.js';
import type { ChartRepository } from './chart-repository.js';
import type { IndexChartVersion } from './chart-version.js';
import { helmChartLayer } from './oci-chart-layer.js';
import {
  chartVersionTag,
  helmChartTags,
  isConcreteVersion,
  lastMatchingVersion,
} from './oci-chart-version.js';
import { loadOciLogin } from './oci-credentials.js';

/** An OCI HelmRepository whose URL is not `oci://…` (Flux stalls: "failed to construct Helm client"). */
export class InvalidOciRegistryUrlError extends Error {}

/** What an OCI chart repository needs: the normalized `oci://` URL and how to reach it. */
export interface OciChartRepositoryOptions {
  url: string;
  insecure: boolean;
  login?: RegistryLogin;
  signal: AbortSignal;
  /** The chart layer cap (`--helm-chart-max-size`). */
  maxChartBytes: number;
  addressPolicy?: AddressPolicy;
}

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * source-controller's `OCIChartRepository`: charts live at `oci://<url>/<chart>:<version>`. A
 * concrete version is pulled as is; a range is matched against the repository's tags. The
 * download is the manifest's chart layer, under the chart size cap and checked against its digest.
 */
export function ociChartRepository(options: OciChartRepositoryOptions): ChartRepository {
  const client = (ref: string): OciRegistryClient =>
    new OciRegistryClient({
      address: parseOciUrl(ref),
      insecure: options.insecure,
      login: options.login,
      signal: options.signal,
      addressPolicy: options.addressPolicy,
    });
  return {
    async getChartVersion(name: string, version: string): Promise<IndexChartVersion> {
      const ref = `${options.url}/${name}`;
      if (isConcreteVersion(version)) return { name, version, urls: [`${ref}:${version}`] };
      let tags: string[];
      try {
        tags = helmChartTags(await client(ref).listTags());
      } catch (error) {
        throw new Error(
          `could not get tags for "${name}": could not fetch tags for "${ref}": ${errorText(error)}`,
        );
      }
      if (tags.length === 0)
        throw new Error(
          `could not get tags for "${name}": unable to locate any tags in provided repository: ${ref}`,
        );
      const tag = lastMatchingVersion(tags, version);
      return { name, version: tag, urls: [`${ref}:${tag}`] };
    },

    async downloadChart(entry: IndexChartVersion): Promise<Buffer> {
      const url = entry.urls?.[0];
      if (!url) throw new Error(`chart '${entry.name ?? ''}' has no downloadable URLs`);
      const colon = url.lastIndexOf(':');
      try {
        const registry = client(url.slice(0, colon));
        const manifest = await registry.fetchManifest(chartVersionTag(url.slice(colon + 1)));
        return await registry.fetchBlob(helmChartLayer(manifest), options.maxChartBytes);
      } catch (error) {
        throw new Error(`failed to get '${url}': ${errorText(error)}`);
      }
    },
  };
}

/**
 * The chart repository of an OCI HelmRepository: its URL checked and normalized (no trailing
 * slash), its login read, every request bounded by its `timeout` (default 60s) and the reconcile.
 */
export async function openOciChartRepository(
  resources: Resources,
  repo: HelmRepository,
  maxChartBytes: number,
  signal: AbortSignal,
  addressPolicy?: AddressPolicy,
): Promise<ChartRepository> {
  const url = repo.spec.url.replace(/\/+$/, '');
  if (!url.startsWith('oci://'))
    throw new InvalidOciRegistryUrlError(`failed to construct Helm client: invalid OCI registry URL: ${url}`);
  let registry: string;
  try {
    registry = parseOciUrl(`${url}/chart`).registry;
  } catch (error) {
    throw new InvalidOciRegistryUrlError(`failed to construct Helm client: ${errorText(error)}`);
  }
  const login = await loadOciLogin(resources, repo, registry);
  // The repository object outlives this call, so its deadline is not disposed: it fires once, harmlessly.
  const deadline = deadlineSignal(parseDuration(repo.spec.timeout ?? '60s'), signal);
  return ociChartRepository({
    url,
    insecure: repo.spec.insecure ?? false,
    login,
    signal: deadline.signal,
    maxChartBytes,
    addressPolicy,
  });
}
