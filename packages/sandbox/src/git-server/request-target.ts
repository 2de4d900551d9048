/** The CGI `PATH_INFO` and `QUERY_STRING` of one request to the git server. */
export interface GitRequestTarget {
  /** Percent-decoded path, always starting with `/`. */
  pathInfo: string;
  /** The raw query string, without `?` (CGI passes it undecoded). */
  queryString: string;
}

/**
 * Splits an origin-form request target (`req.url`) into CGI variables, or returns undefined when
 * the path is malformed or could step outside the project root (`..`, `.`, NUL, backslash),
 * whether spelt plainly or percent-encoded.
 */
export function parseGitRequestTarget(rawUrl: string | undefined): GitRequestTarget | undefined {
  if (rawUrl === undefined || !rawUrl.startsWith('/')) return undefined;
  const question = rawUrl.indexOf('?');
  const rawPath = question < 0 ? rawUrl : rawUrl.slice(0, question);
  const queryString = question < 0 ? '' : rawUrl.slice(question + 1);
  let pathInfo: string;
  try {
    pathInfo = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (/[\0\\]/.test(pathInfo)) return undefined;
  if (pathInfo.split('/').some((segment) => segment === '.' || segment === '..')) return undefined;
  return { pathInfo, queryString };
}
