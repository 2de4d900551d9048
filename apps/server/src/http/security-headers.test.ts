import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, startTestServer, type TestServer } from '../testing/http-fixture.js';

const TOKEN = 'csp-test-token-0123456789';
let server: TestServer;
let cookie = '';

/**
 * Stands where Next.js stands in the product: it reads the policy from the request (Next
 * stamps that nonce on its inline scripts) and answers with a page that carries it.
 */
async function page(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const policy = String(req.headers['content-security-policy'] ?? '');
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? '';
  res.writeHead(200, { 'content-type': 'text/html' }).end(`<script nonce="${nonce}"></script>`);
}

beforeAll(async () => {
  server = await startTestServer({ adminToken: TOKEN, pages: page });
  cookie = cookieOf(await server.login(TOKEN));
});

afterAll(async () => {
  await server?.stop();
});

const directives = (policy: string | null): Map<string, string> =>
  new Map(
    (policy ?? '').split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );

describe('Content-Security-Policy on what the server answers (CVE-2022-31035 class)', () => {
  it('gives every page a strict policy with a fresh nonce, the one the page renderer saw', async () => {
    const [first, second] = await Promise.all(
      [0, 1].map(() => fetch(`${server.url}/graph`, { headers: { cookie } })),
    );
    const nonces: string[] = [];
    for (const res of [first, second]) {
      expect(res?.status).toBe(200);
      const policy = directives(res?.headers.get('content-security-policy') ?? null);
      const nonce = /'nonce-([A-Za-z0-9+/=]{20,})'/.exec(policy.get('script-src') ?? '')?.[1] ?? '';
      expect(policy.get('script-src')).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
      expect(policy.get('default-src')).toBe("'self'");
      expect(policy.get('object-src')).toBe("'none'");
      expect(policy.get('frame-ancestors')).toBe("'none'");
      expect(policy.get('base-uri')).toBe("'self'");
      expect(await res?.text()).toBe(`<script nonce="${nonce}"></script>`);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
  });

  it.each([
    ['an API answer', '/trpc/objects.list', true],
    ['a refused API call', '/trpc/objects.list', false],
    ['the login page redirect', '/graph', false],
  ])('lets %s load and run nothing, and never be framed', async (_title, path, withCookie) => {
    const res = await fetch(`${server.url}${path}`, {
      headers: withCookie ? { cookie } : {},
      redirect: 'manual',
    });
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  });
});
