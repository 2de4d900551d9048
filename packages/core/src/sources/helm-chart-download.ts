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

/**
 * GETs a chart archive with a deadline and a byte cap (reading stops at the cap, so memory stays
 * bounded), then checks its sha256 against the index digest. Credentials travel in a header and
 * never appear in a message.
 */
export function downloadChart(url: string, options: ChartDownloadOptions): Promise<Buffer> {
  const target = new URL(url);
  const headers: Record<string, string> = {};
  if (options.basicAuth) {
    headers.authorization = `Basic ${Buffer.from(`${options.basicAuth.username}:${options.basicAuth.password}`).toString('base64')}`;
  }
  const shown = `${target.origin}${target.pathname}`;
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const agent = target.protocol === 'https:' && options.caPem ? new Agent({ ca: options.caPem }) : undefined;
  return new Promise<Buffer>((resolve, reject) => {
    const req = request(target, { headers, agent, signal: options.signal, timeout: options.timeoutMs }, (res) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        res.resume();
        reject(new Error(`failed to fetch ${shown} : ${status} ${res.statusMessage ?? ''}`.trim()));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          req.destroy(new Error(`size of chart '${options.fileName}' exceeds '${options.maxBytes}' bytes limit`));
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', reject);
    });
    const timeout = (): void => void req.destroy(new Error(`timeout after ${options.timeoutMs} ms fetching ${shown}`));
    const deadline = setTimeout(timeout, options.timeoutMs);
    req.on('close', () => clearTimeout(deadline));
    req.on('timeout', timeout);
    req.on('error', reject);
    req.end();
  }).then((data) => {
    if (options.digest) {
      const actual = createHash('sha256').update(data).digest('hex');
      if (actual !== options.digest.replace(/^sha256:/, '').toLowerCase()) {
        throw new Error(`chart digest mismatch for ${shown}: expected sha256:${options.digest.replace(/^sha256:/, '')}, got sha256:${actual}`);
      }
    }
    return data;
  });
}
