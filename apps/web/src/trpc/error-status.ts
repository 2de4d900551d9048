/** The shape tRPC client errors carry (`TRPCClientError.data`), read defensively. */
interface ErrorWithData {
  data?: { httpStatus?: unknown; code?: unknown } | null;
}

/** The HTTP status of a tRPC client error, when it has one. Pure. */
export function errorHttpStatus(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('data' in error)) return undefined;
  const status = (error as ErrorWithData).data?.httpStatus;
  return typeof status === 'number' ? status : undefined;
}

/** True when the server rejected the call for lack of a session (HTTP 401 / `UNAUTHORIZED`). Pure. */
export function isUnauthorized(error: unknown): boolean {
  if (errorHttpStatus(error) === 401) return true;
  if (typeof error !== 'object' || error === null || !('data' in error)) return false;
  return (error as ErrorWithData).data?.code === 'UNAUTHORIZED';
}

/**
 * Whether React Query should retry a failed query: never for client errors (401, 403, 404, bad
 * input), at most twice for network and server errors. Pure.
 */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  const status = errorHttpStatus(error);
  if (status !== undefined && status >= 400 && status < 500) return false;
  return failureCount < 2;
}
