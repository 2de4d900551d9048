import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { drillRepoFiles } from './drill-content.js';

const run = promisify(execFile);

/** The drill's Git work tree: each generation is one commit of the whole content, pushed. */
export class DrillRepo {
  private readonly dir = mkdtempSync(join(tmpdir(), 'drill-repo-'));
  private initialised = false;

  constructor(private readonly apps: number) {}

  private async git(...args: string[]): Promise<string> {
    const { stdout } = await run(
      'git',
      ['-c', 'user.name=drill', '-c', 'user.email=drill@tideline.local', ...args],
      { cwd: this.dir, encoding: 'utf8' },
    );
    return stdout.trim();
  }

  /**
   * Commits the content of `generation` and pushes it to `remote` (a URL, or the bare
   * repository's path on disk when the Git server is down); resolves the Flux revision.
   */
  async commit(generation: number, remote: string): Promise<string> {
    if (!this.initialised) {
      await this.git('init', '-q', '-b', 'main');
      this.initialised = true;
    }
    rmSync(join(this.dir, 'apps'), { recursive: true, force: true });
    for (const [path, content] of Object.entries(drillRepoFiles(this.apps, generation))) {
      mkdirSync(dirname(join(this.dir, path)), { recursive: true });
      writeFileSync(join(this.dir, path), content);
    }
    await this.git('add', '-A');
    await this.git('commit', '-q', '--allow-empty', '-m', `drill: generation ${generation}`);
    await this.git('push', '-q', '--force', remote, 'main');
    return `main@sha1:${await this.git('rev-parse', 'HEAD')}`;
  }

  /** Removes the work tree. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
