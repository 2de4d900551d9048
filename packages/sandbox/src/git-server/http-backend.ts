import { spawn, type ChildProcess } from 'node:child_process';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';

import { BodyLimit, BodyTooLargeError } from './body-limit.js';
import { parseCgiHead, splitCgiOutput, type CgiHead } from './cgi-response.js';

/** How to run `git http-backend` for one request. */
export interface HttpBackendRun {
  backendPath: string;
  env: Record<string, string>;
  maxBodyBytes: number;
  timeoutMs: number;
}

const MAX_HEAD_BYTES = 64 * 1024;
const STDERR_TAIL_BYTES = 4 * 1024;

/**
 * Runs `git http-backend` as a CGI program for one request: the request body goes to its
 * stdin, its header block becomes the response head, the rest streams out. Returns the child
 * so the server can kill it on shutdown; the child is killed on timeout, on an oversized body
 * and when the client goes away.
 */
export function runHttpBackend(req: IncomingMessage, res: ServerResponse, run: HttpBackendRun): ChildProcess {
  const child = spawn(run.backendPath, [], { env: run.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderrTail = '';
  let failed = false;
  const fail = (status: number, message: string): void => {
    // Killing the backend makes its stdout end, which reports a second failure; the first one answers.
    if (failed) return;
    failed = true;
    child.kill('SIGKILL');
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${message}\n`);
  };
  const timer = setTimeout(
    () => fail(504, `git http-backend took longer than ${run.timeoutMs} ms`),
    run.timeoutMs,
  );
  child.once('close', () => clearTimeout(timer));
  child.once('error', (error) => fail(502, `cannot run git http-backend: ${error.message}`));
  res.once('close', () => {
    if (!res.writableFinished) child.kill('SIGKILL');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString('utf8')).slice(-STDERR_TAIL_BYTES);
  });

  const limit = new BodyLimit(run.maxBodyBytes);
  limit.once('error', (error) => {
    if (error instanceof BodyTooLargeError) fail(413, error.message);
  });
  // The backend may answer without reading the whole body (an error, say); a broken pipe then is not ours to report.
  child.stdin.on('error', () => undefined);
  req.pipe(limit).pipe(child.stdin);

  relayCgiOutput(child, res, {
    onHead: (head) => {
      const headers = groupHeaders(head.headers);
      if (head.reason === undefined) res.writeHead(head.status, headers);
      else res.writeHead(head.status, head.reason, headers);
    },
    onBadOutput: (reason) => fail(502, `git http-backend: ${reason}${stderrTail ? `\n${stderrTail}` : ''}`),
  });
  return child;
}

interface RelayHandlers {
  onHead(head: CgiHead): void;
  onBadOutput(reason: string): void;
}

/** Buffers stdout until the CGI header block is complete, then streams the body into `res`. */
function relayCgiOutput(child: ChildProcess, res: ServerResponse, handlers: RelayHandlers): void {
  const stdout = child.stdout;
  if (!stdout) return;
  let pending = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    pending = Buffer.concat([pending, chunk]);
    const split = splitCgiOutput(pending);
    if (split === undefined) {
      if (pending.length > MAX_HEAD_BYTES) {
        stdout.off('data', onData);
        handlers.onBadOutput('header block too large');
      }
      return;
    }
    stdout.off('data', onData);
    stdout.pause();
    let head: CgiHead;
    try {
      head = parseCgiHead(split.head);
    } catch (error) {
      handlers.onBadOutput(error instanceof Error ? error.message : String(error));
      return;
    }
    // A timeout or an oversized body may already have answered this request.
    if (res.headersSent || res.destroyed) {
      stdout.destroy();
      return;
    }
    handlers.onHead(head);
    if (split.body.length > 0) stdout.unshift(split.body);
    stdout.pipe(res);
  };
  stdout.on('data', onData);
  stdout.once('end', () => {
    if (stdout.listeners('data').includes(onData)) handlers.onBadOutput('exited before sending a response');
  });
}

function groupHeaders(headers: readonly [string, string][]): OutgoingHttpHeaders {
  const grouped: Record<string, string[]> = {};
  for (const [name, value] of headers) (grouped[name.toLowerCase()] ??= []).push(value);
  return Object.fromEntries(
    Object.entries(grouped).map(([name, values]) => [name, values.length === 1 ? values[0] : values]),
  );
}
