import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReceiverGateway } from '@tideline/core';
import { WebhookRateLimit } from './webhook-rate-limit.js';

/** Flux's receiver body cap (notification-controller limits.go: 3 MiB). */
export const MAX_WEBHOOK_BODY_BYTES = 3 * 1024 * 1024;

/** Paths the Receiver endpoint owns (no login: each call is verified per Receiver type). */
export const WEBHOOK_PREFIX = '/hook/';

/** Reads a body up to `max` bytes; undefined when it is larger (the connection is then dropped). */
function readCapped(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        req.removeAllListeners('data');
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', () => resolve(undefined));
  });
}

/**
 * The `/hook/<digest>` endpoint: rate-limited per path before anything else, POST only, body
 * capped (413), then handed to core's Receiver gateway, whose status (200/400/404/500/503) is
 * answered with an empty body, as Flux does.
 */
export function webhookHandler(
  gateway: ReceiverGateway,
  limits = new WebhookRateLimit(),
): (req: IncomingMessage, res: ServerResponse, path: string) => Promise<void> {
  return async (req, res, path) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!limits.take(path)) {
      res.writeHead(429, { connection: 'close' }).end();
      req.resume();
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      req.resume();
      return;
    }
    if (Number(req.headers['content-length'] ?? 0) > MAX_WEBHOOK_BODY_BYTES) {
      res.writeHead(413, { connection: 'close' }).end();
      req.destroy();
      return;
    }
    const body = await readCapped(req, MAX_WEBHOOK_BODY_BYTES);
    if (!body) {
      res.writeHead(413, { connection: 'close' }).end();
      req.destroy();
      return;
    }
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
    );
    const answer = await gateway.handle({ path, headers, body }).catch(() => ({ status: 500, annotated: 0 }));
    res.writeHead(answer.status).end();
  };
}
