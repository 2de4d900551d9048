import { createHmac, timingSafeEqual } from 'node:crypto';
import { verifyGoogleIdToken, type JwksSource } from './google-id-token.js';
import { webhookPayloadError, type PayloadReceiverType } from './webhook-payload.js';

/** A webhook request as the server hands it over. */
export interface ReceiverRequest {
  /** Lower-case header names. */
  headers: Readonly<Record<string, string | undefined>>;
  body: Buffer;
}

/** The Receiver fields verification reads. */
export interface ReceiverCheck {
  type: string;
  events?: readonly string[];
  /** The Secret's decoded data (`token`; `email`/`audience` for gcr). */
  secret: Readonly<Record<string, string>>;
}

/** Verification's outcome: Flux answers 400 with the reason logged. */
export type Verification = { ok: true } | { ok: false; message: string };

/** Constant-time string comparison (lengths leak, contents do not). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** go-github's ValidateSignature: `sha1=`/`sha256=`/`sha512=` + hex HMAC of the body. */
export function validHmacSignature(signature: string | undefined, body: Buffer, key: string): boolean {
  const match = /^(sha1|sha256|sha512)=([0-9a-f]+)$/.exec(signature ?? '');
  if (!match?.[1] || !match[2]) return false;
  const expected = createHmac(match[1], key).update(body).digest('hex');
  return safeEqual(match[2], expected);
}

function eventAllowed(events: readonly string[] | undefined, event: string): boolean {
  return !events?.length || events.some((e) => e.toLowerCase() === event.toLowerCase());
}

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

const fail = (message: string): Verification => ({ ok: false, message });
const OK: Verification = { ok: true };

/**
 * Checks a request as notification-controller's receiver handler does for each type, with
 * every secret comparison in constant time. `generic-oidc` is refused (not supported).
 */
export async function verifyReceiverRequest(
  check: ReceiverCheck,
  request: ReceiverRequest,
  jwks: JwksSource,
): Promise<Verification> {
  const token = check.secret.token ?? '';
  const h = request.headers;
  switch (check.type) {
    case 'generic':
      return OK;
    case 'generic-hmac':
      return validHmacSignature(h['x-signature'], request.body, token)
        ? OK
        : fail('unable to validate HMAC signature: payload signature check failed');
    case 'github': {
      const signature = h['x-hub-signature-256'] || h['x-hub-signature'];
      if (token && !validHmacSignature(signature, request.body, token))
        return fail('the GitHub signature header is invalid, err: payload signature check failed');
      const event = h['x-github-event'] ?? '';
      return eventAllowed(check.events, event) ? OK : fail(`the GitHub event "${event}" is not authorised`);
    }
    case 'gitlab': {
      if (!safeEqual(h['x-gitlab-token'] ?? '', token))
        return fail('the X-Gitlab-Token header value does not match the receiver token');
      const event = h['x-gitlab-event'] ?? '';
      return eventAllowed(check.events, event) ? OK : fail(`the GitLab event "${event}" is not authorised`);
    }
    case 'bitbucket': {
      const signature = h['x-hub-signature-256'] || h['x-hub-signature'];
      if (token && !validHmacSignature(signature, request.body, token))
        return fail('the Bitbucket server signature header is invalid, err: payload signature check failed');
      const event = h['x-event-key'] ?? '';
      return eventAllowed(check.events, event)
        ? OK
        : fail(`the Bitbucket server event "${event}" is not authorised`);
    }
    case 'harbor':
      return safeEqual(h.authorization ?? '', token)
        ? OK
        : fail('the Harbor Authorization header value does not match the receiver token');
    case 'quay':
    case 'dockerhub':
    case 'acr':
      return payloadVerdict(check.type as PayloadReceiverType, request.body);
    case 'nexus': {
      const signature = h['x-nexus-webhook-signature'] ?? '';
      if (!signature) return fail('the Nexus signature is missing from header');
      const expected = createHmac('sha1', token).update(request.body).digest('hex');
      if (!safeEqual(signature, expected)) return fail('invalid Nexus signature');
      return payloadVerdict('nexus', request.body);
    }
    case 'gcr':
      return verifyGcr(check, request, jwks);
    case 'cdevents':
      return verifyCdEvent(check, request);
    default:
      return fail(`recevier type "${check.type}" not supported`);
  }
}

async function verifyGcr(
  check: ReceiverCheck,
  request: ReceiverRequest,
  jwks: JwksSource,
): Promise<Verification> {
  const email = check.secret.email ?? '';
  const audience = check.secret.audience ?? '';
  if (!email) return fail("invalid secret data: required field 'email' for GCR receiver");
  if (!audience) return fail("invalid secret data: required field 'audience' for GCR receiver");
  const error = await verifyGoogleIdToken(request.headers.authorization ?? '', { email, audience }, jwks);
  if (error) return fail(`cannot authenticate GCR request: ${error}`);
  return payloadVerdict('gcr', request.body);
}

/** The body decoded into Flux's payload type for the receiver, as Go decodes it. */
function payloadVerdict(type: PayloadReceiverType, body: Buffer): Verification {
  const error = webhookPayloadError(type, body);
  return error === undefined ? OK : fail(error);
}

/** CDEvents v0.4: a JSON event with `context` (id, source, type `dev.cdevents.…`, timestamp, specversion) and `subject`. */
function verifyCdEvent(check: ReceiverCheck, request: ReceiverRequest): Verification {
  const event = parseJson(request.body) as
    { context?: Record<string, unknown>; subject?: unknown } | undefined;
  const ctx = event?.context;
  const valid =
    ctx !== undefined &&
    ['id', 'source', 'type', 'timestamp', 'specversion'].every(
      (k) => typeof ctx[k] === 'string' && ctx[k] !== '',
    ) &&
    String(ctx.type).startsWith('dev.cdevents.') &&
    typeof event?.subject === 'object';
  if (!valid) return fail('unable to validate CDEvent event: invalid CDEvent');
  const type = request.headers['ce-type'] ?? '';
  return eventAllowed(check.events, type) ? OK : fail(`the CDEvent "${type}" is not authorised`);
}
