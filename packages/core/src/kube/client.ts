import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { KubeConfig } from '@kubernetes/client-node';
import { KubeApiError } from './errors.js';
import { kubeconfigAuth } from './kubeconfig-auth.js';
import type { KubeConnection } from './kubeconfig-content.js';
import { AuthBase, StaticAuth, type AuthState, type RequestAuth } from './request-auth.js';

/** Content types for PATCH requests. */
export const PatchType = {
  Apply: 'application/apply-patch+yaml',
  Merge: 'application/merge-patch+json',
  Json: 'application/json-patch+json',
  StrategicMerge: 'application/strategic-merge-patch+json',
} as const;

/** One HTTP call to the API server. */
export interface KubeRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Options for {@link KubeClient.fromKubeconfig}. */
export interface KubeClientOptions {
  /** Impersonate this user (e.g. `system:serviceaccount:ns:name`). */
  impersonate?: string;
  /** Use this kubeconfig context instead of the current one (`--context`). */
  context?: string;
}

/**
 * A small REST client for the Kubernetes API, configured from a kubeconfig (TLS, token, client
 * certificates, or credentials that expire: exec plugins, token files, auth-providers, renewed
 * before they lapse and after a 401). All engine I/O with the cluster goes through it.
 */
export class KubeClient {
  private constructor(
    readonly server: string,
    private readonly auth: RequestAuth,
    private readonly impersonate?: string,
    private readonly impersonateGroups: readonly string[] = [],
  ) {}

  /**
   * Loads `path` (or the default kubeconfig when undefined): the engine's own kubeconfig, so
   * exec plugins may run (a kubeconfig from a Secret goes through {@link fromConnection}).
   */
  static async fromKubeconfig(
    path: string | undefined,
    options: KubeClientOptions = {},
  ): Promise<KubeClient> {
    const kc = new KubeConfig();
    if (path) kc.loadFromFile(path);
    else kc.loadFromDefault();
    if (options.context) {
      if (!kc.getContextObject(options.context))
        throw new Error(`context "${options.context}" does not exist in the kubeconfig`);
      kc.setCurrentContext(options.context);
    }
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('the kubeconfig has no current cluster');
    const auth = await kubeconfigAuth(kc, path);
    return new KubeClient(cluster.server.replace(/\/$/, ''), auth, options.impersonate);
  }

  /**
   * A client for a connection read from kubeconfig text (see `parseKubeconfigContent`): TLS is
   * always verified; credentials stay in headers and the TLS agent, never in messages.
   */
  static fromConnection(conn: KubeConnection, options: KubeClientOptions = {}): KubeClient {
    let authorization: string | undefined;
    if (conn.token) authorization = `Bearer ${conn.token}`;
    else if (conn.username !== undefined) {
      authorization = `Basic ${Buffer.from(`${conn.username}:${conn.password ?? ''}`).toString('base64')}`;
    }
    const base = new AuthBase({
      ca: conn.caData,
      cert: conn.certData,
      key: conn.keyData,
      servername: conn.tlsServerName,
      rejectUnauthorized: true,
    });
    return new KubeClient(conn.server, new StaticAuth(base, authorization), options.impersonate);
  }

  /**
   * A client that acts as another user and, when given, every one of its groups (one
   * `Impersonate-Group` header each), with the same credentials, renewed together.
   */
  as(user: string, groups: readonly string[] = []): KubeClient {
    return new KubeClient(this.server, this.auth, user, [...groups]);
  }

  /** Sends a request and parses the JSON answer; non-2xx answers throw {@link KubeApiError}. */
  async request<T>(req: KubeRequest): Promise<T> {
    const res = await this.send(req);
    const text = await readBody(res.body, 64 * 1024 * 1024);
    if (res.status < 200 || res.status >= 300) throw toApiError(res.status, text, req);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Opens a streaming GET (for watches); the caller consumes and closes the stream. */
  async stream(req: KubeRequest): Promise<NodeJS.ReadableStream> {
    const res = await this.send(req);
    if (res.status < 200 || res.status >= 300) {
      const text = await readBody(res.body, 1024 * 1024);
      throw toApiError(res.status, text, req);
    }
    return res.body;
  }

  /** Sends with the current credentials; after a 401 that renewing can cure, once more. */
  private async send(req: KubeRequest): Promise<{ status: number; body: NodeJS.ReadableStream }> {
    const used = await this.auth.current();
    const res = await this.sendWith(req, used);
    if (res.status !== 401 || !(await this.auth.unauthorized(used))) return res;
    res.body.resume();
    return this.sendWith(req, await this.auth.current());
  }

  private sendWith(
    req: KubeRequest,
    auth: AuthState,
  ): Promise<{ status: number; body: NodeJS.ReadableStream }> {
    const url = new URL(this.server + req.path);
    for (const [k, v] of Object.entries(req.query ?? {}))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const payload =
      req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const headers: Record<string, string | string[]> = { ...auth.headers, accept: 'application/json' };
    if (payload !== undefined) {
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (this.impersonate) headers['impersonate-user'] = this.impersonate;
    // An array is sent as one header line per group: the API server reads them all.
    if (this.impersonate && this.impersonateGroups.length > 0)
      headers['impersonate-group'] = [...this.impersonateGroups];
    const doRequest = url.protocol === 'http:' ? httpRequest : httpsRequest;
    return new Promise((resolve, reject) => {
      const r = doRequest(
        url,
        {
          agent: url.protocol === 'http:' ? undefined : auth.agent,
          method: req.method,
          headers,
          signal: req.signal,
          timeout: req.timeoutMs ?? 60_000,
        },
        (res) => resolve({ status: res.statusCode ?? 0, body: res }),
      );
      r.on('timeout', () => r.destroy(new Error(`timeout: ${req.method} ${req.path}`)));
      r.on('error', reject);
      if (payload !== undefined) r.write(payload);
      r.end();
    });
  }
}

function readBody(stream: NodeJS.ReadableStream, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`API response larger than ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}

function toApiError(status: number, text: string, req: KubeRequest): KubeApiError {
  try {
    const parsed = JSON.parse(text) as { message?: string; reason?: string; details?: unknown };
    return new KubeApiError(
      parsed.message ?? `${req.method} ${req.path}: HTTP ${status}`,
      status,
      parsed.reason ?? '',
      parsed.details,
    );
  } catch {
    return new KubeApiError(`${req.method} ${req.path}: HTTP ${status}: ${text.slice(0, 500)}`, status, '');
  }
}
