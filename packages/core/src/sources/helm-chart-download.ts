import { createHash } from 'node:crypto';
import type { AddressPolicy } from './address-policy.js';
import { getFollowingRedirects } from './http-get.js';

/** Options for {@link downloadChart}. */
export interface ChartDownloadOptions {
  timeoutMs: number;
  /** Stop reading beyond this many bytes (Flux: 10 MiB). */
  maxBytes: number;
  /** The file name used in the size message (`podinfo-6.2.1.tgz`). */
  fileName: string;
  /** Hex sha256 from the index entry; verified when present. */
  digest?: string;
  basicAuth?: { username: string; password: string };
  /** Keep the credentials on redirects to other hosts. */
  passCredentials?: boolean;
  caPem?: string;
  signal?: AbortSignal;
  /** Destinations refused (the chart URL and every redirect). */
  addressPolicy?: AddressPolicy;
}

/**
 * Helm's `ResolveReferenceURL`: an absolute chart URL stays as is, a relative one resolves
 * against the repository URL (as a folder). Pure.
 */
export function resolveChartUrl(repositoryUrl: string, chartUrl: string): string {
  const base = repositoryUrl.endsWith('/') ? repositoryUrl : `${repositoryUrl}/`;
  return new URL(chartUrl, base).toString();
}

/**
 * GETs a chart archive with a deadline and a byte cap, following redirects (release assets
 * often live behind one) with credentials only where {@link getFollowingRedirects} allows, then
 * checks its sha256 against the index digest.
 */
export async function downloadChart(url: string, options: ChartDownloadOptions): Promise<Buffer> {
  const { data, url: finalUrl } = await getFollowingRedirects(url, {
    ...options,
    tooLarge: () =>
      new Error(`size of chart '${options.fileName}' exceeds '${options.maxBytes}' bytes limit`),
  });
  verifyDigest(data, options.digest, `${finalUrl.origin}${finalUrl.pathname}`);
  return data;
}

function verifyDigest(data: Buffer, digest: string | undefined, shown: string): void {
  if (!digest) return;
  const expected = digest.replace(/^sha256:/, '').toLowerCase();
  const actual = createHash('sha256').update(data).digest('hex');
  if (actual !== expected)
    throw new Error(`chart digest mismatch for ${shown}: expected sha256:${expected}, got sha256:${actual}`);
}
