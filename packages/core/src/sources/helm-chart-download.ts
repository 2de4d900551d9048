import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';

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
  caPem?: string;
  signal?: AbortSignal;
}

/**
 * Helm's `ResolveReferenceURL`: an absolute chart URL stays as is, a relative one resolves
 * against the repository URL (as a folder). Pure.
 */
export function resolveChartUrl(repositoryUrl: string, chartUrl: string): string {
  const base = repositoryUrl.endsWith('/') ? repositoryUrl : `${repositoryUrl}/`;
  return new URL(chartUrl, base).toString();
}

/** How many redirects a download follows, as Go's HTTP client does. */
const MAX_REDIRECTS = 10;

/**
 * GETs a chart archive with a deadline and a byte cap (reading stops at the cap, so memory stays
 * bounded), following redirects (release assets often live behind one) but sending credentials
 * only to the first host, then checks its sha256 against the index digest. Credentials travel
 * in a header and never appear in a message.
 */
export async function downloadChart(url: string, options: ChartDownloadOptions): Promise<Buffer> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  let target = new URL(url);
  const origin = target.host;
  for (let hop = 0; ; hop += 1) {
    let response: Awaited<ReturnType<typeof getOnce>>;
    try {
      response = await getOnce(target, { ...options, signal, basicAuth: target.host === origin ? options.basicAuth : undefined });
    } catch (error) {
      if (deadline.aborted) throw new Error(`timeout after ${options.timeoutMs} ms fetching ${target.origin}${target.pathname}`);
      throw error;
    }
    if ('redirect' in response) {
      if (hop >= MAX_REDIRECTS) throw new Error(`failed to fetch ${url} : stopped after ${MAX_REDIRECTS} redirects`);
      target = new URL(response.redirect, target);
      continue;
    }
    verifyDigest(response.data, options.digest, `${target.origin}${target.pathname}`);
    return response.data;
  }
}

function verifyDigest(data: Buffer, digest: string | undefined, shown: string): void {
  if (!digest) return;
  const expected = digest.replace(/^sha256:/, '').toLowerCase();
  const actual = createHash('sha256').update(data).digest('hex');
  if (actual !== expected) throw new Error(`chart digest mismatch for ${shown}: expected sha256:${expected}, got sha256:${actual}`);
}

function getOnce(target: URL, options: ChartDownloadOptions & { signal: AbortSignal }): Promise<{ data: Buffer } | { redirect: string }> {
  const headers: Record<string, string> = {};
  if (options.basicAuth) {
    headers.authorization = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
  }
  const shown = `${target.origin}${target.pathname}`;
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const agent = target.protocol === 'https:' && options.caPem ? new Agent({ ca: options.caPem }) : undefined;
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: Error): void => {
      if (!settled) reject(error);
      settled = true;
      req.destroy();
    };
    const req = request(target, { headers, agent, signal: options.signal }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if ([301, 302, 303, 307, 308].includes(status) && location) {
        settled = true;
        res.resume();
        resolve({ redirect: location });
        return;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        fail(new Error(`failed to fetch ${shown} : ${status} ${res.statusMessage ?? ''}`.trim()));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) fail(new Error(`size of chart '${options.fileName}' exceeds '${options.maxBytes}' bytes limit`));
        else if (!settled) chunks.push(chunk);
      });
      res.on('end', () => {
        if (!settled) resolve({ data: Buffer.concat(chunks) });
        settled = true;
      });
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end();
  });
}
