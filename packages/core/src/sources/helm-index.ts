import { createHash } from 'node:crypto';
import { parse, stringify } from 'yaml';
import { parseVersion } from '../semver/index.js';
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

/** One chart version of an index: Helm's fields the engine reads, as strings; the rest kept. */
export interface HelmIndexEntry extends Record<string, unknown> {
  name?: string;
  version?: string;
  urls?: string[];
  digest?: string;
  created?: string;
}

const LOAD = 'failed to load Helm repository index';
const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const typeOf = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** A value for a Go string field: numbers and booleans as text, as sigs.k8s.io/yaml coerces them. */
function goString(value: unknown, where: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new HelmIndexError(
    `${LOAD}: cannot unmarshal ${typeOf(value)} into ${where} of type string`,
    'parse',
  );
}

function indexEntry(raw: unknown, chart: string): HelmIndexEntry | undefined {
  if (raw === null || raw === undefined) return undefined; // Helm skips an empty entry
  if (!isMap(raw))
    throw new HelmIndexError(
      `${LOAD}: cannot unmarshal ${typeOf(raw)} into a chart version of '${chart}'`,
      'parse',
    );
  const out: HelmIndexEntry = { ...raw };
  for (const key of ['name', 'version', 'digest', 'created'] as const) {
    const value = goString(raw[key], `entries.${chart}.${key}`);
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  delete out.urls;
  if (raw.urls !== undefined && raw.urls !== null) {
    if (!Array.isArray(raw.urls))
      throw new HelmIndexError(
        `${LOAD}: cannot unmarshal ${typeOf(raw.urls)} into entries.${chart}.urls`,
        'parse',
      );
    out.urls = raw.urls.map((u) => goString(u, `entries.${chart}.urls`) ?? '');
  }
  // Helm drops an entry that fails chart validation; a name and a valid version are what we read.
  if (!out.name || !out.version || !isLooseSemver(out.version)) return undefined;
  return out;
}

function isLooseSemver(version: string): boolean {
  try {
    parseVersion(version);
    return true;
  } catch {
    return false;
  }
}

/**
 * The `entries` of a parsed index as Helm loads them into its Go types: a map of lists of chart
 * versions whose string fields are strings (numbers and booleans coerced, anything else an
 * error, as Go's unmarshal fails); empty entries and entries without a name or a valid version
 * dropped, as Helm's loader drops them. Throws {@link HelmIndexError}. Pure.
 */
export function helmIndexEntries(raw: unknown): Record<string, HelmIndexEntry[]> {
  if (raw === null || raw === undefined) return {};
  if (!isMap(raw)) throw new HelmIndexError(`${LOAD}: cannot unmarshal ${typeOf(raw)} into entries`, 'parse');
  // fromEntries defines own properties: a chart called `__proto__` stays a chart.
  return Object.fromEntries(
    Object.entries(raw).map(([chart, versions]) => {
      if (versions === null || versions === undefined) return [chart, []];
      if (!Array.isArray(versions))
        throw new HelmIndexError(
          `${LOAD}: cannot unmarshal ${typeOf(versions)} into entries.${chart}`,
          'parse',
        );
      return [chart, versions.map((v) => indexEntry(v, chart)).filter((v): v is HelmIndexEntry => !!v)];
    }),
  );
}

/**
 * Parses an index as source-controller's `IndexFromBytes` does — empty, unreadable, without an
 * `apiVersion` or with mistyped entries it is refused — and sorts it stably (charts by name,
 * versions as listed), dropping the `generated` timestamp, so the same charts always give the
 * same revision. Pure.
 */
export function normalizeIndex(raw: string): NormalizedIndex {
  if (raw.trim() === '') throw new HelmIndexError(`${LOAD}: empty index.yaml file`, 'parse');
  let index: unknown;
  try {
    index = parse(raw, { maxAliasCount: 0 });
  } catch (error) {
    throw new HelmIndexError(`${LOAD}: ${(error as Error).message}`, 'parse');
  }
  if (!isMap(index))
    throw new HelmIndexError(`${LOAD}: cannot unmarshal ${typeOf(index)} into an index`, 'parse');
  const apiVersion = goString(index.apiVersion, 'apiVersion');
  if (!apiVersion) throw new HelmIndexError(`${LOAD}: no API version specified`, 'parse');
  const read = helmIndexEntries(index.entries);
  const names = Object.keys(read).sort();
  const entries = Object.fromEntries(names.map((n) => [n, read[n] ?? []]));
  const yaml = stringify({ apiVersion, entries }, { sortMapEntries: true });
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
