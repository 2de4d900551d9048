import { join } from 'node:path';
import { ensureBareRepository } from './git-server/bare-repository.js';
import { setPushWebhook, type PushWebhook } from './git-server/push-webhook.js';
import { readState } from './state.js';

/**
 * Creates (or reuses) a repository on the Git server of the sandbox running in `dir`, from
 * any process, and resolves its clone URL.
 */
export async function createSandboxGitRepository(dir: string, name: string): Promise<string> {
  const state = readState(dir);
  if (!state) throw new Error(`no sandbox is running in ${dir}`);
  return `${state.gitUrl}/${await ensureBareRepository(join(dir, 'git'), name)}.git`;
}

/** Sets the GitHub-style push webhook of a repository of the sandbox running in `dir`. */
export async function setSandboxPushWebhook(dir: string, name: string, hook: PushWebhook): Promise<void> {
  await setPushWebhook(join(dir, 'git'), name, hook);
}
