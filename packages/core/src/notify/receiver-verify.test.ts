import { createHmac, generateKeyPairSync, sign, type JsonWebKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { JwksSource } from './google-id-token.js';
import { verifyReceiverRequest, type ReceiverRequest } from './receiver-verify.js';

const TOKEN = 'recv-t0ken';
const body = Buffer.from(
  '{"ref":"refs/heads/main","push_data":{"tag":"v1"},"repository":{"repo_url":"x"},"action":"push"}',
);
const hmac = (algo: string, b = body, key = TOKEN): string => createHmac(algo, key).update(b).digest('hex');
const req = (headers: Record<string, string>, b = body): ReceiverRequest => ({ headers, body: b });

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...(publicKey.export({ format: 'jwk' }) as JsonWebKey), kid: 'k1', alg: 'RS256' };
const jwks: JwksSource = async () => [jwk];
function idToken(claims: Record<string, unknown>, kid = 'k1'): string {
  const enc = (o: unknown): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${enc({ alg: 'RS256', kid, typ: 'JWT' })}.${enc(claims)}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}
const gcrClaims = {
  iss: 'https://accounts.google.com',
  aud: 'https://tideline/hook/x',
  email: 'push@p.iam.gserviceaccount.com',
  email_verified: true,
  exp: Math.floor(Date.now() / 1000) + 600,
};
const gcrBody = Buffer.from(
  JSON.stringify({ message: { data: Buffer.from('{"action":"INSERT","tag":"v1"}').toString('base64') } }),
);
const cdevent = Buffer.from(
  JSON.stringify({
    context: {
      specversion: '0.4.1',
      id: '1',
      source: 's',
      type: 'dev.cdevents.artifact.published.0.1.1',
      timestamp: '2026-01-01T00:00:00Z',
    },
    subject: { id: 'a', content: {} },
  }),
);

describe('receiver verification, per type: a valid call and a forged one', () => {
  it.each([
    ['generic', {}, undefined, req({}), undefined],
    [
      'generic-hmac',
      {},
      undefined,
      req({ 'x-signature': `sha256=${hmac('sha256')}` }),
      req({ 'x-signature': `sha256=${hmac('sha256', body, 'wrong')}` }),
    ],
    [
      'generic-hmac sha1',
      {},
      undefined,
      req({ 'x-signature': `sha1=${hmac('sha1')}` }),
      req({ 'x-signature': 'md5=00' }),
    ],
    [
      'github',
      {},
      ['push'],
      req({ 'x-github-event': 'push', 'x-hub-signature-256': `sha256=${hmac('sha256')}` }),
      req({
        'x-github-event': 'push',
        'x-hub-signature-256': `sha256=${hmac('sha256', Buffer.from('other'))}`,
      }),
    ],
    [
      'github (legacy sha1 header)',
      {},
      [],
      req({ 'x-github-event': 'ping', 'x-hub-signature': `sha1=${hmac('sha1')}` }),
      req({ 'x-github-event': 'ping' }),
    ],
    [
      'gitlab',
      {},
      ['Push Hook'],
      req({ 'x-gitlab-token': TOKEN, 'x-gitlab-event': 'push hook' }),
      req({ 'x-gitlab-token': `${TOKEN}x`, 'x-gitlab-event': 'Push Hook' }),
    ],
    [
      'bitbucket',
      {},
      ['repo:refs_changed'],
      req({ 'x-event-key': 'repo:refs_changed', 'x-hub-signature': `sha256=${hmac('sha256')}` }),
      req({ 'x-event-key': 'repo:refs_changed', 'x-hub-signature': 'sha256=00' }),
    ],
    ['harbor', {}, undefined, req({ authorization: TOKEN }), req({ authorization: 'Bearer nope' })],
    [
      'nexus',
      {},
      undefined,
      req({ 'x-nexus-webhook-signature': hmac('sha1') }),
      req({ 'x-nexus-webhook-signature': hmac('sha256') }),
    ],
    ['quay', {}, undefined, req({}), req({}, Buffer.from('not json'))],
    ['dockerhub', {}, undefined, req({}), req({}, Buffer.from('{'))],
    ['acr', {}, undefined, req({}), req({}, Buffer.from(''))],
    [
      'cdevents',
      {},
      ['dev.cdevents.artifact.published.0.1.1'],
      req({ 'ce-type': 'dev.cdevents.artifact.published.0.1.1' }, cdevent),
      req({ 'ce-type': 'dev.cdevents.artifact.published.0.1.1' }, Buffer.from('{"context":{}}')),
    ],
    [
      'gcr',
      { email: gcrClaims.email, audience: gcrClaims.aud },
      undefined,
      req({ authorization: `Bearer ${idToken(gcrClaims)}` }, gcrBody),
      req({ authorization: `Bearer ${idToken({ ...gcrClaims, email: 'evil@x' })}` }, gcrBody),
    ],
  ] as const)('%s', async (label, extra, events, valid, forged) => {
    const type = label.split(' ')[0] ?? label;
    const check = { type, events, secret: { token: TOKEN, ...extra } };
    expect(await verifyReceiverRequest(check, valid, jwks)).toEqual({ ok: true });
    if (forged) expect((await verifyReceiverRequest(check, forged, jwks)).ok).toBe(false);
  });

  it('filters GitHub events (ping refused when only push is allowed)', async () => {
    const ping = req({ 'x-github-event': 'ping', 'x-hub-signature-256': `sha256=${hmac('sha256')}` });
    expect(
      await verifyReceiverRequest({ type: 'github', events: ['push'], secret: { token: TOKEN } }, ping, jwks),
    ).toEqual({
      ok: false,
      message: 'the GitHub event "ping" is not authorised',
    });
  });

  it.each([
    [{ ...gcrClaims, aud: 'other' }, "invalid ID token: audience is 'other'"],
    [{ ...gcrClaims, exp: 1 }, 'token expired'],
    [{ ...gcrClaims, iss: 'evil' }, "token issuer is 'evil'"],
    [{ ...gcrClaims, email_verified: false }, 'is not verified'],
  ])('gcr refuses %j', async (claims, message) => {
    const check = { type: 'gcr', secret: { token: TOKEN, email: gcrClaims.email, audience: gcrClaims.aud } };
    const result = await verifyReceiverRequest(
      check,
      req({ authorization: `Bearer ${idToken(claims)}` }, gcrBody),
      jwks,
    );
    expect(result.ok ? '' : result.message).toContain(message);
  });

  it('gcr refuses a token signed by another key', async () => {
    const check = { type: 'gcr', secret: { token: TOKEN, email: gcrClaims.email, audience: gcrClaims.aud } };
    const result = await verifyReceiverRequest(
      check,
      req({ authorization: `Bearer ${idToken(gcrClaims, 'k2')}` }, gcrBody),
      jwks,
    );
    expect(result).toEqual({
      ok: false,
      message: 'cannot authenticate GCR request: invalid ID token: unknown signing key',
    });
  });

  it('refuses generic-oidc and unknown types', async () => {
    expect((await verifyReceiverRequest({ type: 'generic-oidc', secret: {} }, req({}), jwks)).ok).toBe(false);
  });
});
