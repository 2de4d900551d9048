import { createHash } from 'node:crypto';
import { Agent } from 'node:https';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { rootCertificates } from 'node:tls';
import { parse, stringify } from 'yaml';

/** Flux's cap on a Helm repository index (`--helm-index-max-size`, 50 MiB). */
export const MAX_INDEX_BYTES = 50 * 1024 * 1024;

/** Raised when an index cannot be fetched or parsed; `kind` picks the Flux reason. */
export class HelmIndexError extends Error {
  constructor(
    message: string,
    readonly kind: 'auth' | 'fetch' | 'parse',
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
  /**
   * Whether `basicAuth` may go to a URL (the index, or a redirect target). By default only to
   * the index URL's own scheme and host; the HelmRepository reconciler passes Helm's rule.
   */
  sendCredentialsTo?: (url: string) => boolean;
  caPem?: string;
  /** Client certificate and key for mutual TLS. */
  clientCert?: { certPem: string; keyPem: string };
  signal?: AbortSignal;
}

/** Go's http.Client follows at most 10 redirects; so do we. */
const MAX_REDIRECTS = 10;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** The index URL of a repository: `<url>/index.yaml`. Pure. */
export function indexUrl(repositoryUrl: string): string {
  return `${repositoryUrl.replace(/\/+$/, '')}/index.yaml`;
}

const sameOrigin = (a: URL, b: string): boolean => {
  try {
    const other = new URL(b);
    return other.protocol === a.protocol && other.host === a.host;
  } catch {
    return false;
  }
};

type Hop = { kind: 'body'; body: Buffer } | { kind: 'redirect'; location: string };

/** One GET within the remaining time; a redirect is returned, not followed. */
function getOnce(url: URL, options: IndexFetchOptions, timeoutMs: number, sendCredentials: boolean): Promise<Hop> {
  const maxBytes = options.maxBytes ?? MAX_INDEX_BYTES;
  const headers: Record<string, string> = { accept: 'application/x-yaml, text/yaml, */*' };
  if (options.basicAuth && sendCredentials) {
    headers.authorization = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
  }
  const https = url.protocol === 'https:';
  const request = https ? httpsRequest : httpRequest;
  // Node's `ca` replaces the default roots; Flux adds a custom CA to the system pool, so keep both.
  const tls = { ...(options.caPem ? { ca: [...rootCertificates, options.caPem] } : {}), ...(options.clientCert ? { cert: options.clientCert.certPem, key: options.clientCert.keyPem } : {}) };
  const agent = https && Object.keys(tls).length > 0 ? new Agent(tls) : undefined;
  const timeoutError = (): HelmIndexError => new HelmIndexError(`timeout after ${options.timeoutMs} ms fetching ${url.origin}`, 'fetch');
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent, signal: options.signal, timeout: timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECT_STATUSES.has(status) && location) {
        res.resume();
        resolve({ kind: 'redirect', location });
        return;
      }
      if (status === 401 || status === 403) {
        res.resume();
        reject(new HelmIndexError(`failed to fetch Helm repository index: ${status} ${res.statusMessage ?? ''}`.trim(), 'auth'));
        return;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        reject(new HelmIndexError(`failed to fetch Helm repository index: ${status} ${res.statusMessage ?? ''}`.trim(), 'fetch'));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) {
          req.destroy(new HelmIndexError(`index size exceeds the maximum of ${maxBytes} bytes`, 'fetch'));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve({ kind: 'body', body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    const deadline = setTimeout(() => req.destroy(timeoutError()), timeoutMs);
    req.on('close', () => {
      clearTimeout(deadline);
      agent?.destroy();
    });
    req.on('timeout', () => req.destroy(timeoutError()));
    req.on('error', (error) => reject(error instanceof HelmIndexError ? error : new HelmIndexError(`failed to fetch Helm repository index: ${error.message}`, 'fetch')));
    req.end();
  });
}

/**
 * GETs `<url>/index.yaml` with a time limit and a byte cap, following up to 10 redirects (as
 * Go's client does) to http(s) URLs only. Credentials go in a header, never the URL, and only
 * to the URLs `sendCredentialsTo` allows — decided again for every hop.
 */
export async function fetchHelmIndex(repositoryUrl: string, options: IndexFetchOptions): Promise<Buffer> {
  const first = new URL(indexUrl(repositoryUrl));
  const allowed = options.sendCredentialsTo ?? ((url: string) => sameOrigin(first, url));
  const deadline = Date.now() + options.timeoutMs;
  let url = first;
  for (let redirects = 0; ; redirects++) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new HelmIndexError(`timeout after ${options.timeoutMs} ms fetching ${url.origin}`, 'fetch');
    const hop = await getOnce(url, options, remaining, allowed(url.href));
    if (hop.kind === 'body') return hop.body;
    if (redirects >= MAX_REDIRECTS) throw new HelmIndexError(`failed to fetch Helm repository index: stopped after ${MAX_REDIRECTS} redirects`, 'fetch');
    const next = new URL(hop.location, url);
    if (next.protocol !== 'http:' && next.protocol !== 'https:') {
      throw new HelmIndexError(`failed to fetch Helm repository index: redirect to unsupported scheme '${next.protocol.replace(/:$/, '')}'`, 'fetch');
    }
    url = next;
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
    throw new HelmIndexError('failed to load Helm repository index: no API version specified or no entries', 'parse');
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
