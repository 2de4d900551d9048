import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import type { AdminToken } from '../auth/admin-token.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { authenticate } from '../auth/request-auth.js';
import type { Sessions } from '../auth/sessions.js';
import type { ReceiverGateway } from '@tideline/core';
import type { Services } from '../services/types.js';
import { appRouter } from '../trpc/app-router.js';
import { handleLogin, handleLogout } from './login-routes.js';
import { applyPageCsp, setSecurityHeaders } from './security-headers.js';
import { needsLogin } from './page-guard.js';
import { WEBHOOK_PREFIX, webhookHandler } from './webhook-route.js';

/** Serves the web app's pages (Next.js); absent in API-only tests. */
export type PageHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Options for {@link startHttpServer}. */
export interface HttpServerOptions {
  host: string;
  port: number;
  services: Services;
  token: AdminToken;
  sessions: Sessions;
  pages?: PageHandler;
  /** The engine's Receiver logic: `/hook/…` is served when set (not in observe mode). */
  receivers?: ReceiverGateway;
}

/** A listening server. */
export interface RunningHttpServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * One port for users: `/trpc` (queries, mutations and the SSE stream), `/api/login`,
 * `/api/logout`, `/healthz`, and every other path to the Next.js app.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const throttle = new LoginThrottle();
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    createContext: ({ req }) => {
      const auth = authenticate(req, options.sessions, options.token);
      return { services: options.services, authenticated: auth.authenticated, sameOrigin: auth.sameOrigin };
    },
  });
  const hooks = options.receivers ? webhookHandler(options.receivers) : undefined;
  const server: Server = createServer((req, res) => {
    setSecurityHeaders(res);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (hooks && path.startsWith(WEBHOOK_PREFIX)) {
      void hooks(req, res, path);
    } else if (path.startsWith('/trpc/')) {
      res.setHeader('Cache-Control', 'no-store');
      trpc(req, res);
    } else if (path === '/api/login') {
      void handleLogin(req, res, {
        token: options.token,
        sessions: options.sessions,
        throttle,
        secure: false,
      });
    } else if (path === '/api/logout') {
      handleLogout(req, res, options.sessions);
    } else if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    } else if (options.pages) {
      if (needsLogin(path, authenticate(req, options.sessions, options.token).authenticated)) {
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
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${hostForUrl}:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
