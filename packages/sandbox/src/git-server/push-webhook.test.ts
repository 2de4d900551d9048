import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebhookSink, type WebhookSink } from '../webhook-sink/index.js';
import { startGitServer, type GitServer } from './git-server.js';
import { setPushWebhook } from './push-webhook.js';

const run = promisify(execFile);
const root = mkdtempSync(join(tmpdir(), 'push-hook-'));
let server: GitServer;
let sink: WebhookSink;

beforeAll(async () => {
  server = await startGitServer({ root });
  sink = await startWebhookSink();
});
afterAll(async () => {
  await server?.stop();
  await sink?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function push(url: string, file: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'push-wt-'));
  const git = (...args: string[]) =>
    run('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir });
  await git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, file), file);
  await git('add', '-A');
  await git('commit', '-qm', file);
  await git('push', '-q', url, 'main');
  const { stdout } = await git('rev-parse', 'HEAD');
  rmSync(dir, { recursive: true, force: true });
  return stdout.trim();
}

describe('push webhook (the post-receive step, as GitHub sends it)', () => {
  it('POSTs a signed GitHub push event after a push, and nothing without a hook', async () => {
    const silent = await server.createRepository('silent');
    await push(silent, 'a');
    const url = await server.createRepository('hooked');
    await setPushWebhook(root, 'hooked', { url: `${sink.url}/hook/x`, secret: 's3cret' });
    const sha = await push(url, 'b');
    const [hit] = await sink.waitFor(1, (r) => r.path === '/hook/x', 10_000);
    expect(hit?.headers['x-github-event']).toBe('push');
    const signature = createHmac('sha256', 's3cret')
      .update(hit?.body ?? '')
      .digest('hex');
    expect(hit?.headers['x-hub-signature-256']).toBe(`sha256=${signature}`);
    expect(JSON.parse(hit?.body ?? '{}')).toEqual({
      ref: 'refs/heads/main',
      before: '0'.repeat(40),
      after: sha,
      repository: { clone_url: url },
    });
    expect(sink.requests()).toHaveLength(1);
  });
});
