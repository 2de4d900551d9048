/** What a chart repository request path resolves to: a servable file, or the status to answer. */
export type ChartRequestPath =
  | { kind: 'file'; /** Segments below the repository root. */ segments: string[]; contentType: string }
  | { kind: 'reject'; status: 400 | 404 };

/** The only files a chart repository serves, by name, with their media types. */
const SERVED: readonly { matches: (name: string) => boolean; contentType: string }[] = [
  { matches: (name) => name === 'index.yaml', contentType: 'application/x-yaml' },
  {
    matches: (name) => name.endsWith('.tgz') && name.length > '.tgz'.length,
    contentType: 'application/gzip',
  },
];

/**
 * Maps a request target (`req.url`) to a file under the repository root. Anything that could
 * step outside the root (`..`, `.`, NUL, backslash, plain or percent-encoded) is a 400; hidden
 * files, directories and names other than `index.yaml` and `*.tgz` are a 404.
 */
export function resolveChartRequestPath(rawUrl: string | undefined): ChartRequestPath {
  if (rawUrl === undefined || !rawUrl.startsWith('/')) return { kind: 'reject', status: 400 };
  const rawPath = rawUrl.split('?', 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'reject', status: 400 };
  }
  if (/[\0\\]/.test(decoded)) return { kind: 'reject', status: 400 };
  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) return { kind: 'reject', status: 400 };
  if (segments.some((segment) => segment === '' || segment.startsWith('.')))
    return { kind: 'reject', status: 404 };
  const name = segments[segments.length - 1] ?? '';
  const served = SERVED.find((entry) => entry.matches(name));
  if (served === undefined) return { kind: 'reject', status: 404 };
  return { kind: 'file', segments, contentType: served.contentType };
}
