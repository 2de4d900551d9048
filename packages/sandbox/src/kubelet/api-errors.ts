import { ApiException } from '@kubernetes/client-node';

/** The HTTP status of a failed API call, when it has one. */
export function apiStatusCode(error: unknown): number | undefined {
  if (error instanceof ApiException) return error.code;
  if (typeof error === 'object' && error !== null) {
    const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
    if (typeof statusCode === 'number') return statusCode;
    if (typeof code === 'number') return code;
  }
  return undefined;
}

/** Whether the API said 404 Not Found. */
export function isNotFound(error: unknown): boolean {
  return apiStatusCode(error) === 404;
}

/** Whether the API said 409 Conflict (stale resourceVersion, or AlreadyExists on create). */
export function isConflict(error: unknown): boolean {
  return apiStatusCode(error) === 409;
}

/** A one-line description of an API error for logs: status and the server's message. */
export function describeApiError(error: unknown): string {
  if (error instanceof ApiException) {
    const body: unknown = error.body;
    let message: string | undefined;
    if (typeof body === 'string') {
      try {
        message = (JSON.parse(body) as { message?: string }).message;
      } catch {
        message = body.slice(0, 200);
      }
    } else if (typeof body === 'object' && body !== null) {
      message = (body as { message?: string }).message;
    }
    return `HTTP ${error.code}${message ? `: ${message}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
