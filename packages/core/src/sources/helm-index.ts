import { createHash } from 'node:crypto';
import { parse, stringify } from 'yaml';
import type { AddressPolicy } from './address-policy.js';
import { getFollowingRedirects } from './http-get.js';

/** Flux's cap on a Helm repository index (`--helm-index-max-size`, 50 MiB). */
export const MAX_INDEX_BYTES = 50 * 1024 * 1024;

/** Raised when an index cannot be fetched or parsed; `kind` picks the Flux reason. */
export class HelmIndexError extends Error {
  constructor(
    message: string,
    readonly kind: 'fetch' | 'parse',
  ) {
    super(message);
    this.name = 'HelmIndexError';
  }
}

/** Options for {@link fetchHelmIndex}. */
export interface IndexFetchOptions {
  /** Wall-clock limit for the whole fetch, redirects included. */
  timeoutMs: number;
  maxBytes?: number;
  basicAuth?: { username: string; password: string };
  /** Keep the credentials when a redirect leaves the repository's host. */
  passCredentials?: boolean;
  caPem?: string;
  /** Client certificate and key for mutual TLS. */
  clientCert?: { certPem: string; keyPem: string };
  signal?: AbortSignal;
  /** Destinations refused (the index URL and every redirect). */
  addressPolicy?: AddressPolicy;
}

/** The index URL of a repository: `<url>/index.yaml`. Pure. */
export function indexUrl(repositoryUrl: string): string {
  return `${repositoryUrl.replace(/\/+$/, '')}/index.yaml`;
}

/**
 * GETs `<url>/index.yaml` with a time limit and a byte cap, following redirects as Go's client
 * does (up to 10), with the credentials only on the repository's host unless `passCredentials`.
 */
export async function fetchHelmIndex(repositoryUrl: string, options: IndexFetchOptions): Promise<Buffer> {
  const maxBytes = options.maxBytes ?? MAX_INDEX_BYTES;
  try {
    const { data } = await getFollowingRedirects(indexUrl(repositoryUrl), {
      ...options,
      maxBytes,
      accept: 'application/x-yaml, text/yaml, */*',
      tooLarge: () => new HelmIndexError(`index size exceeds the maximum of ${maxBytes} bytes`, 'fetch'),
    });
    return data;
  } catch (error) {
    if (error instanceof HelmIndexError) throw error;
    // source-controller's wording: the index is cached to a temporary file before it is read.
    throw new HelmIndexError(
      `failed to fetch Helm repository index: failed to cache index to temporary file: ${(error as Error).message}`,
      'fetch',
    );
  }
}

/** A parsed, normalized index. */
export interface NormalizedIndex {
  yaml: string;
  /** `sha256:<hex>` of the normalized YAML: the HelmRepository revision. */
  digest: string;
  charts: number;
  versions: number;
}

interface IndexFile {
  apiVersion?: string;
  entries?: Record<string, { version?: string }[]>;
  generated?: string;
}

/**
 * Parses an index and sorts it stably (charts by name, versions as listed), dropping the
 * `generated` timestamp, so the same charts always give the same revision. Pure.
 */
export function normalizeIndex(raw: string): NormalizedIndex {
  let index: IndexFile;
  try {
    index = parse(raw, { maxAliasCount: 0 }) as IndexFile;
  } catch (error) {
    throw new HelmIndexError(`failed to load Helm repository index: ${(error as Error).message}`, 'parse');
  }
  if (!index || typeof index !== 'object' || !index.entries || typeof index.entries !== 'object') {
    throw new HelmIndexError(
      'failed to load Helm repository index: no API version specified or no entries',
      'parse',
    );
  }
  const names = Object.keys(index.entries).sort();
  const entries = Object.fromEntries(names.map((n) => [n, index.entries?.[n] ?? []]));
  const yaml = stringify({ apiVersion: index.apiVersion ?? 'v1', entries }, { sortMapEntries: true });
  return {
    yaml,
    digest: `sha256:${createHash('sha256').update(yaml).digest('hex')}`,
    charts: names.length,
    versions: names.reduce((n, name) => n + (entries[name]?.length ?? 0), 0),
  };
}

/** Go-style human size as Flux prints it in events (`30.88kB`). Pure. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value}B` : `${Number(value.toFixed(2))}${units[unit]}`;
}
