import { createPublicKey, verify, type JsonWebKey } from 'node:crypto';

/** Google's signing keys as a JWKS (`https://www.googleapis.com/oauth2/v3/certs`); fetched by the engine. */
export type JwksSource = () => Promise<readonly (JsonWebKey & { kid?: string })[]>;

function decodeSegment(segment: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/**
 * Verifies a Pub/Sub push `Authorization: Bearer <ID token>` as Flux's gcr receiver does:
 * RS256 signature against Google's keys, audience, expiry, issuer `accounts.google.com`, and a
 * verified e-mail equal to the Secret's. Resolves undefined when valid, else the reason.
 */
export async function verifyGoogleIdToken(
  authorization: string,
  expected: { email: string; audience: string },
  jwks: JwksSource,
  nowSeconds = Date.now() / 1000,
): Promise<string | undefined> {
  if (!authorization.startsWith('Bearer ')) return 'the Authorization header is missing or malformed';
  const [head, body, signature] = authorization.slice('Bearer '.length).split('.');
  const header = head ? decodeSegment(head) : undefined;
  const claims = body ? decodeSegment(body) : undefined;
  if (!header || !claims || !signature || header.alg !== 'RS256') return 'invalid ID token: malformed token';
  const key = (await jwks()).find((k) => k.kid === header.kid);
  if (!key) return 'invalid ID token: unknown signing key';
  const signed = verify(
    'RSA-SHA256',
    Buffer.from(`${head}.${body}`),
    createPublicKey({ key, format: 'jwk' }),
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return 'invalid ID token: signature verification failed';
  if (claims.aud !== expected.audience)
    return `invalid ID token: audience is '${String(claims.aud)}', want '${expected.audience}'`;
  if (typeof claims.exp !== 'number' || claims.exp < nowSeconds) return 'invalid ID token: token expired';
  if (claims.iss !== 'accounts.google.com' && claims.iss !== 'https://accounts.google.com')
    return `token issuer is '${String(claims.iss)}', want 'accounts.google.com' or 'https://accounts.google.com'`;
  if (claims.email !== expected.email)
    return `token email is '${String(claims.email)}', want '${expected.email}'`;
  if (claims.email_verified !== true) return `token email '${String(claims.email)}' is not verified`;
  return undefined;
}

/**
 * A JWKS source over HTTPS with an hour's cache (Google rotates keys daily): a flood of pushes
 * never becomes a flood of key fetches. 10 s deadline, 256 KiB cap.
 */
export function cachedJwks(url: string): JwksSource {
  let cached: { at: number; keys: (JsonWebKey & { kid?: string })[] } | undefined;
  return async () => {
    if (cached && Date.now() - cached.at < 3_600_000) return cached.keys;
    const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    if (!response.ok || text.length > 256 * 1024)
      throw new Error(`cannot fetch signing keys: ${response.status}`);
    cached = { at: Date.now(), keys: (JSON.parse(text) as { keys: (JsonWebKey & { kid?: string })[] }).keys };
    return cached.keys;
  };
}
