import { execFile } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { normalizeRepositoryName } from './repository-name.js';

const run = promisify(execFile);

/** Where a repository's pushes are announced, GitHub-style (the demo points it at its Receiver). */
export interface PushWebhook {
  url: string;
  /** HMAC key of `X-Hub-Signature-256` (the Receiver's token). */
  secret: string;
}

const URL_KEY = 'tideline.webhook.url';
const SECRET_KEY = 'tideline.webhook.secret';

/**
 * Sets (or clears) the push webhook of `<root>/<name>.git`. It lives in the repository's own
 * git config, so a detached sandbox daemon picks it up on the next push.
 */
export async function setPushWebhook(
  root: string,
  name: string,
  hook: PushWebhook | undefined,
): Promise<void> {
  const dir = join(root, `${normalizeRepositoryName(name)}.git`);
  if (!hook) {
    await run('git', ['--git-dir', dir, 'config', '--unset-all', URL_KEY]).catch(() => undefined);
    return;
  }
  await run('git', ['--git-dir', dir, 'config', URL_KEY, hook.url]);
  await run('git', ['--git-dir', dir, 'config', SECRET_KEY, hook.secret]);
}

async function config(dir: string, key: string): Promise<string | undefined> {
  const out = await run('git', ['--git-dir', dir, 'config', '--get', key]).catch(() => undefined);
  return out?.stdout.trim() || undefined;
}

/** The refs of a bare repository: `refs/heads/main` → sha. */
export async function readRefs(dir: string): Promise<Map<string, string>> {
  const { stdout } = await run('git', [
    '--git-dir',
    dir,
    'for-each-ref',
    '--format=%(refname) %(objectname)',
  ]);
  return new Map(
    stdout
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  );
}

/**
 * After a push (the post-receive step, as GitHub does it): for every ref that moved, POSTs a
 * GitHub `push` event (`X-GitHub-Event: push`, `X-Hub-Signature-256`) to the repository's
 * webhook, if it has one. Best effort: a failing hook never fails the push.
 */
export async function announcePush(
  dir: string,
  cloneUrl: string,
  before: Map<string, string>,
): Promise<void> {
  const url = await config(dir, URL_KEY);
  if (!url) return;
  const secret = (await config(dir, SECRET_KEY)) ?? '';
  const after = await readRefs(dir);
  for (const [ref, sha] of after) {
    if (before.get(ref) === sha) continue;
    const body = JSON.stringify({
      ref,
      before: before.get(ref) ?? '0'.repeat(40),
      after: sha,
      repository: { clone_url: cloneUrl },
    });
    const signature = createHmac('sha256', secret).update(body).digest('hex');
    await fetch(url, {
      method: 'POST',
      body,
      headers: {
        'Content-Type': 'application/json',
        'X-GitHub-Event': 'push',
        'X-Hub-Signature-256': `sha256=${signature}`,
      },
      signal: AbortSignal.timeout(5000),
    }).catch(() => undefined);
  }
}
