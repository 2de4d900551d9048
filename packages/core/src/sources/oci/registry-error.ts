/** What went wrong talking to a registry; the reconciler picks Flux's reason from it. */
export type OciErrorKind = 'unauthorized' | 'not-found' | 'http' | 'network' | 'limit' | 'digest' | 'format';

/** A registry request failed. Messages name the method and URL (never credentials), as go-containerregistry does. */
export class OciRegistryError extends Error {
  override readonly name = 'OciRegistryError';

  constructor(
    message: string,
    readonly kind: OciErrorKind,
    readonly status?: number,
  ) {
    super(message);
  }
}

interface DistributionErrorBody {
  errors?: { code?: string; message?: string }[];
}

/**
 * `<METHOD> <url>: <CODE>: <message>` from a distribution error body, or
 * `<METHOD> <url>: unexpected status code <n> <text>` without one (go-containerregistry's
 * `transport.Error` wording). Pure.
 */
export function describeHttpFailure(
  method: string,
  url: string,
  status: number,
  statusText: string,
  body: string,
): string {
  try {
    const parsed = JSON.parse(body) as DistributionErrorBody;
    const first = parsed.errors?.[0];
    if (first?.code) {
      const rest = (parsed.errors ?? []).slice(1).map((e) => `${e.code ?? ''}: ${e.message ?? ''}`);
      return [`${method} ${url}: ${first.code}: ${first.message ?? ''}`, ...rest].join('; ');
    }
  } catch {
    // not a distribution error body: fall through to the status line
  }
  return `${method} ${url}: unexpected status code ${status} ${statusText}`.trimEnd();
}

/** The error kind for an HTTP status. Pure. */
export function kindOfStatus(status: number): OciErrorKind {
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 404) return 'not-found';
  return 'http';
}
