/**
 * HTTP credentials for git, passed as an `Authorization` header through git's environment
 * config (`GIT_CONFIG_COUNT`/`GIT_CONFIG_KEY_n`/`GIT_CONFIG_VALUE_n`). They never enter the URL
 * or argv: a process's command line is world-readable in /proc, its environment is not.
 */
import type { GitConfigEntry } from './git-config-env.js';

/** Credentials for an HTTP(S) Git remote. */
export type GitCredentials =
  { kind: 'basic'; username: string; password: string } | { kind: 'bearer'; token: string };

/** The `Authorization` header value for credentials. Pure. */
export function authorizationHeader(credentials: GitCredentials): string {
  if (credentials.kind === 'bearer') return `Bearer ${credentials.token}`;
  const raw = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64');
  return `Basic ${raw}`;
}

/**
 * Config entries that make git send the header to `url` only (a URL-scoped
 * `http.<url>.extraHeader`), and never follow redirects, so the header cannot be carried to
 * another host. Empty without credentials. Pure.
 */
export function httpAuthConfig(url: string, credentials: GitCredentials | undefined): GitConfigEntry[] {
  if (!credentials) return [];
  return [
    [`http.${url}.extraHeader`, `Authorization: ${authorizationHeader(credentials)}`],
    ['http.followRedirects', 'false'],
  ];
}

/** Every string that would reveal the credentials if it appeared in a message. Pure. */
export function credentialSecrets(credentials: GitCredentials | undefined): string[] {
  if (!credentials) return [];
  const values =
    credentials.kind === 'bearer'
      ? [credentials.token]
      : [
          credentials.password,
          Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8').toString('base64'),
        ];
  values.push(authorizationHeader(credentials));
  return values.filter((v) => v.length >= 3);
}

/** Replaces each secret (longest first) in `text` with `***`. Pure. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('***');
  return out;
}

/** A URL with any password replaced by `***`, for messages. Pure. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}
