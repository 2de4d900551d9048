import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { ReceiverGateway } from '@tideline/core';
import type { Authenticator } from '../auth/authenticator.js';
import type { OidcSignIn } from '../auth/oidc-sign-in.js';
import type { AuthOutcome } from '../auth/principal.js';
import { isSameOriginJson } from '../auth/same-origin.js';
import { hasSessionCookie } from '../auth/sessions.js';
import { accessAudit } from '../services/access-audit.js';
import type { AuditLog } from '../services/audit-log.js';
import type { ServicesFor } from '../services/types.js';
import { appRouter } from '../trpc/app-router.js';
import { isAllowedHost, type HostAllowlist } from './host-allowlist.js';
import { handleLogin, handleLogout } from './login-routes.js';
import { handleOidcCallback, handleOidcLogin, OIDC_CALLBACK_PATH, OIDC_LOGIN_PATH } from './oidc-routes.js';
import { answerProbe } from './ops-server.js';
import type { ReadinessCheck } from './readiness.js';
import { needsLogin } from './page-guard.js';
import { serveStream, STREAM_PATH } from './stream-route.js';
import { trpcRefusal } from './trpc-refusal.js';
import { applyPageCsp, setSecurityHeaders } from './security-headers.js';
import { WEBHOOK_PREFIX, webhookHandler } from './webhook-route.js';
import { loadTlsPair, type TlsFiles } from './tls-files.js';
import { watchTlsFiles } from './tls-reloader.js';

/** Serves the web app's pages (Next.js); absent in API-only tests. */
export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Options for {@link startHttpServer}. */
export interface HttpServerOptions {
  host: string;
  port: number;
  /** The services as each caller sees them. */
  services: ServicesFor;
  auth: Authenticator;
  /** Host header values answered; anything else gets 403 (DNS rebinding). */
  allowedHosts: HostAllowlist;
  pages?: PageHandler;
  /** The engine's Receiver logic: `/hook/…` is served when set (not in observe mode). */
  receivers?: ReceiverGateway;
  /** Sign-in with an OpenID provider, when configured. */
  oidc?: OidcSignIn;
  /** Server log lines (sign-ins and their refusals). */
  log?: (line: string) => void;
  /** `/readyz`'s checks (informers synced, leader or standby reported). */
  readiness?: () => ReadinessCheck[];
  /** Where sign-ins, sign-outs and API token changes are audited (the actions' log). */
  audit?: AuditLog;
  /** Serve HTTPS with these files, re-read when they change (every `pollMs`, default 5 s). */
  tls?: TlsFiles & { pollMs?: number };
}

/** A listening server. */
export interface RunningHttpServer {
  url: string;
  stop(): Promise<void>;
}

/** Answers a throttled client: 429 with Retry-After. */
function refuse(res: ServerResponse, outcome: { retryAfterS: number }): void {
  res
    .writeHead(429, { 'content-type': 'text/plain', 'retry-after': String(outcome.retryAfterS) })
    .end('Too many failed attempts: try again later.\n');
}

/**
 * A session cookie that did not authenticate (ended, or signed with a secret since replaced) is
 * dropped. Not when a bearer token was what failed: the cookie was never looked at.
 */
function dropStaleCookie(
  req: IncomingMessage,
  res: ServerResponse,
  outcome: AuthOutcome,
  auth: Authenticator,
): void {
  if (outcome.status !== 'authenticated' && req.headers.authorization === undefined && hasSessionCookie(req))
    res.setHeader('Set-Cookie', auth.clearCookie(req));
}

/** A year; no includeSubDomains: sibling hosts under the same domain are not ours to pin. */
const HSTS = 'max-age=31536000';

/** The request handler, routed by path once the Host header is one of ours. */
function createHandler(options: HttpServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  // Authentication runs once per request, here; tRPC reads the outcome from this map.
  const outcomes = new WeakMap<IncomingMessage, AuthOutcome>();
  const audit = accessAudit(options.audit);
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: ({ req, res }) => {
      const auth = outcomes.get(req) ?? options.auth.authenticate(req);
      if (auth.status === 'throttled') res.setHeader('Retry-After', String(auth.retryAfterS));
      return {
        servicesFor: options.services,
        apiTokens: options.auth.apiTokens,
        sessions: options.auth.sessions,
        audit,
        from: options.auth.clientOf(req),
        auth,
        sameOrigin: isSameOriginJson(req),
      };
    },
  });
  const hooks = options.receivers ? webhookHandler(options.receivers) : undefined;
  const log = options.log ?? ((): void => undefined);
  return (req, res) => {
    setSecurityHeaders(res);
    // Only an answer that came over TLS may pin the browser to HTTPS: over plain HTTP the header
    // could be a stranger's, and browsers ignore it there anyway.
    if (options.auth.isSecure(req)) res.setHeader('Strict-Transport-Security', HSTS);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    // Probes come from the kubelet by pod IP: no Host check, and nothing in them is secret.
    if (answerProbe(path, res, options.readiness)) return;
    // Receivers are called by Git hosts and registries under the server's public name, and
    // authenticate every call by signature or token, never by cookie: the Host check (against
    // DNS rebinding in browsers) does not apply to them.
    if (hooks && path.startsWith(WEBHOOK_PREFIX)) {
      void hooks(req, res, path);
      return;
    }
    if (!isAllowedHost(req.headers.host, options.allowedHosts)) {
      res
        .writeHead(403, { 'content-type': 'text/plain' })
        .end('This host name is not allowed: start Tideline with --allowed-host <name> to answer it.\n');
      return;
    }
    if (path.startsWith('/trpc/')) {
      res.setHeader('Cache-Control', 'no-store');
      const outcome = options.auth.authenticate(req);
      dropStaleCookie(req, res, outcome, options.auth);
      const refusal = trpcRefusal(req.url ?? '/', req.headers.accept, outcome);
      if (refusal) {
        res.writeHead(refusal.status, refusal.headers).end(refusal.body);
        req.resume();
        return;
      }
      // The live stream's fan-out is served here, not by tRPC (see stream-route.ts); callers
      // that did not authenticate still get tRPC's own SSE error, which the link expects.
      if (path === STREAM_PATH && req.method === 'GET' && outcome.status === 'authenticated') {
        serveStream(req, res, outcome.principal, options.services(outcome.principal).stream);
        return;
      }
      outcomes.set(req, outcome);
      trpc(req, res);
    } else if (path === '/api/login') {
      void handleLogin(req, res, options.auth, audit);
    } else if (path === '/api/logout') {
      handleLogout(req, res, options.auth, audit);
    } else if (path === '/api/login-options') {
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ oidc: Boolean(options.oidc) }));
    } else if (options.oidc && path === OIDC_LOGIN_PATH) {
      void handleOidcLogin(req, res, options.oidc, options.auth, log);
    } else if (options.oidc && path === OIDC_CALLBACK_PATH) {
      void handleOidcCallback(req, res, options.oidc, options.auth, log, audit);
    } else if (options.pages) {
      const outcome = options.auth.authenticate(req);
      dropStaleCookie(req, res, outcome, options.auth);
      if (outcome.status === 'throttled') return refuse(res, outcome);
      if (needsLogin(path, outcome.status === 'authenticated')) {
        res.writeHead(302, { location: `/login?next=${encodeURIComponent(req.url ?? '/')}` }).end();
        return;
      }
      applyPageCsp(req, res);
      options.pages(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end('internal error');
      });
    } else {
      res.writeHead(404).end();
    }
  };
}

/**
 * One port for users: `/trpc` (queries, mutations and the SSE stream), `/api/login`,
 * `/api/logout`, `/healthz`, `/readyz`, and every other path to the Next.js app. Every request
 * but the probes must name an allowed host. HTTPS (TLS 1.2 or later) when `tls` names the files;
 * an unreadable or mismatched pair throws before listening.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const handler = createHandler(options);
  let stopWatching = (): void => undefined;
  let server: Server;
  if (options.tls) {
    const pair = loadTlsPair(options.tls);
    const log = options.log ?? ((): void => undefined);
    const https = createHttpsServer({ cert: pair.cert, key: pair.key, minVersion: 'TLSv1.2' }, handler);
    log(`✔ serving TLS: ${pair.describe}`);
    stopWatching = watchTlsFiles(https, { files: options.tls, log, pollMs: options.tls.pollMs });
    server = https;
  } else server = createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => (stopWatching(), reject(error)));
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `${options.tls ? 'https' : 'http'}://${hostForUrl}:${port}`,
    stop: () =>
      new Promise((resolve) => {
        stopWatching();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
