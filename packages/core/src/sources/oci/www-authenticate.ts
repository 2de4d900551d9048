/** A parsed `WWW-Authenticate` challenge. */
export interface AuthChallenge {
  scheme: 'basic' | 'bearer';
  /** Parameters with lower-cased names (`realm`, `service`, `scope`, …). */
  params: Record<string, string>;
}

/**
 * Parses the first challenge of a `WWW-Authenticate` header (`Bearer realm="…",service="…"` or
 * `Basic realm="…"`), quoted or token values. Unknown schemes give undefined. Pure.
 */
export function parseAuthChallenge(header: string | null | undefined): AuthChallenge | undefined {
  if (!header) return undefined;
  const match = /^\s*([A-Za-z]+)\s*(.*)$/s.exec(header);
  if (!match) return undefined;
  const scheme = (match[1] ?? '').toLowerCase();
  if (scheme !== 'basic' && scheme !== 'bearer') return undefined;
  const params: [string, string][] = [];
  const pair = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?\s*/gy;
  const text = match[2] ?? '';
  pair.lastIndex = 0;
  for (let m = pair.exec(text); m && m[0] !== ''; m = pair.exec(text)) {
    const name = (m[1] ?? '').toLowerCase();
    params.push([name, m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '')]);
  }
  // fromEntries: own properties, so a parameter called `__proto__` cannot set a prototype.
  return { scheme, params: Object.fromEntries(params) };
}
