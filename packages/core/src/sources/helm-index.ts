import { createHash } from 'node:crypto';
import { Agent } from 'node:https';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
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
  timeoutMs: number;
  maxBytes?: number;
  basicAuth?: { username: string; password: string };
  caPem?: string;
  signal?: AbortSignal;
}

/** The index URL of a repository: `<url>/index.yaml`. Pure. */
export function indexUrl(repositoryUrl: string): string {
  return `${repositoryUrl.replace(/\/+$/, '')}/index.yaml`;
}

/** GETs `<url>/index.yaml` with a time limit and a byte cap; credentials go in a header, never the URL. */
export function fetchHelmIndex(repositoryUrl: string, options: IndexFetchOptions): Promise<Buffer> {
  const url = new URL(indexUrl(repositoryUrl));
  const maxBytes = options.maxBytes ?? MAX_INDEX_BYTES;
  const headers: Record<string, string> = { accept: 'application/x-yaml, text/yaml, */*' };
  if (options.basicAuth) {
    headers.authorization = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const agent = url.protocol === 'https:' && options.caPem ? new Agent({ ca: options.caPem }) : undefined;
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent, signal: options.signal, timeout: options.timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
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
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    const deadline = setTimeout(() => req.destroy(new HelmIndexError(`timeout after ${options.timeoutMs} ms fetching ${url.origin}`, 'fetch')), options.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', () => req.destroy(new HelmIndexError(`timeout after ${options.timeoutMs} ms fetching ${url.origin}`, 'fetch')));
    req.on('error', (error) => reject(error instanceof HelmIndexError ? error : new HelmIndexError(`failed to fetch Helm repository index: ${error.message}`, 'fetch')));
    req.end();
  });
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
