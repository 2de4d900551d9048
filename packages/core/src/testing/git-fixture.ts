import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const run = promisify(execFile);

/**
 * A working copy of a sandbox Git repository, for tests that commit and push. git runs
 * asynchronously: the sandbox Git server may live in this very process.
 */
export class GitWorkTree {
  readonly dir: string;
  private ready: Promise<unknown>;

  constructor(readonly remoteUrl: string) {
    this.dir = mkdtempSync(join(tmpdir(), 'tideline-wt-'));
    this.ready = this.git('init', '-q', '-b', 'main').then(() =>
      this.git('remote', 'add', 'origin', remoteUrl),
    );
  }

  /** Runs git in the work tree (argv, no shell). */
  async git(...args: string[]): Promise<string> {
    const { stdout } = await run(
      'git',
      ['-c', 'user.name=Tideline Test', '-c', 'user.email=test@tideline.local', ...args],
      {
        cwd: this.dir,
        encoding: 'utf8',
      },
    );
    return stdout.trim();
  }

  /** Writes files (path → content; null deletes), commits and pushes; resolves the commit sha. */
  async commit(files: Record<string, string | null>, message = 'update'): Promise<string> {
    await this.ready;
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
    await this.git('add', '-A');
    await this.git('commit', '-q', '-m', message);
    await this.git('push', '-q', 'origin', 'main');
    return this.git('rev-parse', 'HEAD');
  }

  /** Removes the work tree. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
