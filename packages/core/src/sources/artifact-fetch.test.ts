import { execFileSync } from 'node:child_process';
import {
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Artifact } from '../api/meta.js';
import { ArtifactFetchError, downloadArtifact, unpackArtifact } from './artifact-fetch.js';

/**
 * A Kustomization or HelmChart downloads its source's artifact from `status.artifact.url`,
 * which in observe mode (or from a foreign source-controller) is any HTTP server. These peers
 * misbehave on purpose: the download must end at its deadline, not hang a worker (security
 * class 9: every network call has a deadline) or fill memory (class 6).
 */
let server: Server;
let origin = '';
const sockets = new Set<Socket>();

/** What the peer does with each connection, by request path. */
function behave(socket: Socket, path: string): void {
  if (path === '/silent') return; // accepts, never answers
  if (path === '/stalls') {
    // Headers and a first chunk, then nothing: the body never ends.
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/gzip\r\ntransfer-encoding: chunked\r\n\r\n');
    socket.write('4\r\nabcd\r\n');
    return;
  }
  if (path === '/endless') {
    socket.write('HTTP/1.1 200 OK\r\ncontent-type: application/gzip\r\ntransfer-encoding: chunked\r\n\r\n');
    const chunk = Buffer.alloc(64 * 1024, 1);
    const pump = (): void => {
      while (!socket.destroyed && socket.write(`${chunk.length.toString(16)}\r\n${chunk.toString()}\r\n`));
      if (!socket.destroyed) socket.once('drain', pump);
    };
    pump();
  }
}

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (head) => behave(socket, head.toString('latin1').split(' ')[1] ?? ''));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => {
  for (const socket of sockets) socket.destroy();
  server?.close();
});

const artifact = (path: string): Artifact =>
  ({ url: `${origin}${path}`, digest: `sha256:${'0'.repeat(64)}` }) as Artifact;

/** The download's outcome and how long it took. */
async function timed(path: string, options: Parameters<typeof downloadArtifact>[1]) {
  const started = Date.now();
  const error = await downloadArtifact(artifact(path), options).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, ms: Date.now() - started };
}

describe('downloadArtifact against a peer that misbehaves', () => {
  it.each([
    ['never answers', '/silent'],
    ['sends headers, then stalls the body', '/stalls'],
  ])('gives up at the deadline on a server that %s', async (_title, path) => {
    const { error, ms } = await timed(path, { timeoutMs: 500 });
    expect(error).toBeInstanceOf(ArtifactFetchError);
    expect(ms).toBeGreaterThanOrEqual(450);
    expect(ms).toBeLessThan(5_000);
  });

  it('stops reading a body past the byte cap, long before the deadline', async () => {
    const { error, ms } = await timed('/endless', { timeoutMs: 30_000, maxBytes: 1024 * 1024 });
    expect(error).toBeInstanceOf(ArtifactFetchError);
    expect((error as Error).message).toBe(`artifact from ${origin}/endless is larger than 1048576 bytes`);
    expect(ms).toBeLessThan(5_000);
  });
});

describe('unpackArtifact of an archive with links (CVE-2022-24904, CVE-2022-31036)', () => {
  it('writes regular files only: symlinks in or out of the root and hard links are dropped', async () => {
    const work = mkdtempSync(join(tmpdir(), 'unpack-links-'));
    try {
      const src = join(work, 'src');
      mkdirSync(join(src, 'chart'), { recursive: true });
      writeFileSync(join(src, 'chart', 'Chart.yaml'), 'name: c\n');
      symlinkSync('/etc/passwd', join(src, 'chart', 'values.yaml'));
      symlinkSync('../../..', join(src, 'chart', 'up'));
      symlinkSync('Chart.yaml', join(src, 'chart', 'inside.yaml'));
      linkSync(join(src, 'chart', 'Chart.yaml'), join(src, 'chart', 'hard.yaml'));
      // Real GNU tar writes the archive (argv, no shell): symlink and hard-link entries as tar has them.
      const archive = execFileSync('tar', ['--sort=name', '-czf', '-', '-C', src, 'chart']);
      const out = join(work, 'out');
      mkdirSync(out);
      await unpackArtifact(archive, out);
      expect(readdirSync(join(out, 'chart')).sort()).toEqual(['Chart.yaml']);
      expect(lstatSync(join(out, 'chart', 'Chart.yaml')).isFile()).toBe(true);
      expect(readFileSync(join(out, 'chart', 'Chart.yaml'), 'utf8')).toBe('name: c\n');
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
