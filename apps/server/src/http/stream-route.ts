import type { IncomingMessage, ServerResponse } from 'node:http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import type { Principal } from '../auth/principal.js';
import type { StreamService } from '../services/types.js';

/** The path tRPC's subscription link requests for `events.stream`. */
export const STREAM_PATH = '/trpc/events.stream';

/** How the stream ends when its session does: tRPC's SSE error event, so the link reports UNAUTHORIZED. */
const SESSION_ENDED_FRAME = `event: serialized-error\ndata: ${JSON.stringify({
  message: 'session ended',
  code: TRPC_ERROR_CODES_BY_KEY.UNAUTHORIZED,
  data: { code: 'UNAUTHORIZED', httpStatus: 401, path: 'events.stream' },
})}\n\n`;

/**
 * Where the client resumes: the `Last-Event-ID` header (EventSource reconnects), the link's
 * `lastEventId` query parameter, or the procedure input's. Ids longer than 64 characters are
 * ignored, as the procedure's input schema refuses them. Pure.
 */
export function streamLastEventId(
  url: string,
  lastEventIdHeader: string | string[] | undefined,
): string | undefined {
  const params = new URL(url, 'http://localhost').searchParams;
  let fromInput: unknown;
  try {
    fromInput = (JSON.parse(params.get('input') ?? '{}') as { lastEventId?: unknown } | null)?.lastEventId;
  } catch {
    fromInput = undefined;
  }
  const header = Array.isArray(lastEventIdHeader) ? lastEventIdHeader[0] : lastEventIdHeader;
  const id = header ?? params.get('lastEventId') ?? (typeof fromInput === 'string' ? fromInput : undefined);
  return id && id.length <= 64 ? id : undefined;
}

/**
 * Serves `events.stream` for an authenticated caller outside tRPC's request pipeline, in the
 * wire format its subscription link reads (`event: connected`, then `data:`/`id:` frames), so
 * one serialized message goes to every client. A session's stream ends with UNAUTHORIZED when
 * the session does (logout, expiry, a new admin token).
 */
export function serveStream(
  req: IncomingMessage,
  res: ServerResponse,
  principal: Principal,
  stream: StreamService,
): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache, no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.socket?.setNoDelay(true);
  const detach = stream.attach(streamLastEventId(req.url ?? '/', req.headers['last-event-id']), {
    write: (chunk) => res.write(chunk),
    buffered: () => res.writableLength,
    close: () => res.end(),
  });
  const ends = principal.sessionEnds?.();
  const onEnd = (): void => {
    detach();
    res.end(SESSION_ENDED_FRAME);
  };
  if (ends?.aborted) onEnd();
  else ends?.addEventListener('abort', onEnd, { once: true });
  const stop = (): void => {
    detach();
    ends?.removeEventListener('abort', onEnd);
  };
  res.on('close', stop);
  // A write racing a client's disconnect must not become an unhandled 'error' event.
  res.on('error', stop);
}
