import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReceiverGateway } from '@tideline/core';
import type { FluxObjectSummary, StreamMessage } from '../api/dto.js';
import { ADMIN_ACCESS } from '../auth/access.js';
import { OidcSignIn, type OidcSettings } from '../auth/oidc-sign-in.js';
import type { Principal } from '../auth/principal.js';
import { openAuth, type AuthOptions, type OpenAuth } from '../auth/open-auth.js';
import { ChangeFeed } from '../cache/change-feed.js';
import { StreamHub } from '../cache/stream-hub.js';
import { hostAllowlist } from '../http/host-allowlist.js';
import { startHttpServer, type HttpServerOptions, type PageHandler } from '../http/http-server.js';
import { AuditLog } from '../services/audit-log.js';
import { DiffUnavailableError, type ObjectKey, type Services } from '../services/types.js';

/** The break-glass admin (the admin token): sees and does everything, as the server. */
export const BREAK_GLASS: Principal = { subject: 'admin', access: ADMIN_ACCESS, via: 'bearer' };

/** The one object the test services hold. */
export const TEST_SUMMARY: FluxObjectSummary = {
  id: 'Kustomization/flux-system/apps',
  kind: 'Kustomization',
  namespace: 'flux-system',
  name: 'apps',
  ready: 'True',
  readyReason: 'ReconciliationSucceeded',
  readyMessage: 'Applied revision: main@sha1:abc',
  state: 'ready',
  revision: 'main@sha1:abc',
  suspended: false,
  generation: 1,
  observedGeneration: 1,
  resourceVersion: '1',
};

/**
 * The service seam, in memory: these tests exercise HTTP, auth and tRPC only (the services
 * have their own tests against the sandbox). `suspended` records suspend calls.
 */
export function testServices(overrides: Partial<Services> = {}): Services & { suspended: ObjectKey[] } {
  const suspended: ObjectKey[] = [];
  const feed = new ChangeFeed(100, 't');
  const snapshot = (): StreamMessage[] => [{ type: 'object', object: TEST_SUMMARY }];
  const hub = new StreamHub(feed, snapshot, () => []);
  return {
    suspended,
    objects: {
      list: () => [TEST_SUMMARY],
      snapshot: () => ({ items: [TEST_SUMMARY], cursor: feed.position() }),
      get: () => undefined,
      imageStories: async () => [],
      plan: async () => {
        throw new DiffUnavailableError('no engine in this test');
      },
      values: async () => {
        throw new DiffUnavailableError('no cluster in this test');
      },
    },
    events: {
      list: () => ({ items: [], matched: 0, kept: 0, limits: { perObject: 50, total: 10_000 } }),
    },
    audit: {
      list: () => [],
      impact: () => ({ objects: [], downstream: [], inventoryTotal: 0 }),
    },
    graph: {
      get: async () => ({
        nodes: [],
        edges: [],
        mermaid: 'flowchart LR\n',
        objects: 0,
        hidden: 0,
        budget: 50,
      }),
      explain: async () => undefined,
    },
    actions: {
      suspend: async (key) => void suspended.push(key),
      resume: async () => undefined,
      reconcile: async () => '2026-01-01T00:00:00.000Z',
      helmRequest: async () => '2026-01-01T00:00:00.000Z',
      sourceOf: () => undefined,
    },
    stream: {
      subscribe: (last, signal) => feed.subscribe(last, signal, snapshot),
      attach: (last, sink) => hub.attach(last, sink),
    },
    ...overrides,
  };
}

/** A server started in-process on a free loopback port, with its auth state dir. */
export interface TestServer {
  url: string;
  stateDir: string;
  auth: OpenAuth;
  /** POST /api/login as the dashboard does (same-origin JSON). */
  login(token: string, headers?: Record<string, string>): Promise<Response>;
  /** What the server logged. */
  logs: string[];
  /** The audit log sign-ins, sign-outs and API token changes go to. */
  audit: AuditLog;
  /** Stops the server and closes the auth state (as a process exit would). */
  stop(): Promise<void>;
}

/** Options of {@link startTestServer}. */
export interface TestServerOptions extends Partial<AuthOptions> {
  adminToken: string;
  services?: Services;
  allowedHosts?: string[];
  /** Serve `/hook/…` through this gateway (the engine's Receiver logic). */
  receivers?: ReceiverGateway;
  /** Sign-in with an OpenID provider. */
  oidc?: OidcSettings;
  /** Serve pages with this handler (in the product, Next.js). */
  pages?: PageHandler;
  /** Serve HTTPS with these files (see startHttpServer). */
  tls?: HttpServerOptions['tls'];
}

/** Starts the real HTTP server (auth, tRPC, routes) over {@link testServices}. */
export async function startTestServer(options: TestServerOptions): Promise<TestServer> {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'http-test-'));
  const auth = openAuth({ ...options, stateDir });
  const services = options.services ?? testServices();
  const logs: string[] = [];
  const audit = new AuditLog(join(stateDir, 'audit.jsonl'));
  const server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    // These tests are about HTTP and auth: every caller gets the same in-memory services.
    services: () => services,
    auth: auth.authenticator,
    allowedHosts: hostAllowlist('127.0.0.1', options.allowedHosts ?? [], { hostname: 'test', addresses: [] }),
    receivers: options.receivers,
    oidc: options.oidc ? new OidcSignIn(options.oidc) : undefined,
    log: (line) => logs.push(line),
    pages: options.pages,
    audit,
    tls: options.tls,
  });
  const url = server.url;
  return {
    url,
    stateDir,
    auth,
    logs,
    audit,
    login: (token, headers = {}) =>
      fetch(`${url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url, ...headers },
        body: JSON.stringify({ token }),
      }),
    stop: async () => {
      await server.stop();
      auth.close();
    },
  };
}

/** The `name=value` part of a Set-Cookie header. */
export function cookieOf(res: Response): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A GET with headers fetch will not send as given (Host; `host: ''` sends none): status and body. */
export function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return rawRequest(url, 'GET', headers);
}

/** {@link rawGet} with any method (an empty body). */
export function rawRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { host, ...rest } = headers;
    const options = host === '' ? { method, headers: rest, setHost: false } : { method, headers };
    const req = request(url, options, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the live stream with a cookie and resolves once the snapshot arrived; `rest` reads to the end. */
export async function openStream(
  server: TestServer,
  cookie: string,
): Promise<{ rest: () => Promise<string> }> {
  const res = await fetch(`${server.url}/trpc/events.stream?input=${encodeURIComponent('{}')}`, {
    headers: { cookie, accept: 'text/event-stream' },
  });
  const reader = res.body?.getReader();
  if (!reader) throw new Error('no body');
  let text = '';
  while (!text.includes('Applied revision')) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`the stream ended before its snapshot: ${text.slice(0, 500)}`);
    text += new TextDecoder().decode(value);
  }
  return {
    rest: async () => {
      let tail = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return tail;
        tail += new TextDecoder().decode(value);
      }
    },
  };
}
