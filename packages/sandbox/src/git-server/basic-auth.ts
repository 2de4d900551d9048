import { createHash, timingSafeEqual } from 'node:crypto';

/** A username and password for HTTP basic authentication. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/** The `WWW-Authenticate` challenge the sandbox servers send with a 401. */
export const BASIC_REALM_CHALLENGE = 'Basic realm="tideline-sandbox"';

/** The credentials in an `Authorization: Basic …` header, or undefined when absent or malformed. */
export function parseBasicAuthorization(header: string | undefined): BasicCredentials | undefined {
  if (header === undefined) return undefined;
  const match = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * Whether `given` equals `expected`, in time that does not depend on where they differ:
 * both sides are hashed first so `timingSafeEqual` always sees equal lengths.
 */
export function credentialsMatch(given: BasicCredentials | undefined, expected: BasicCredentials): boolean {
  if (given === undefined) return false;
  const userOk = timingSafeEqual(digest(given.username), digest(expected.username));
  const passwordOk = timingSafeEqual(digest(given.password), digest(expected.password));
  return userOk && passwordOk;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
