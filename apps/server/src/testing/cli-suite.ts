import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCliFixture, type CliFixture } from './cli-fixture.js';
import { APPS_FILES, pushFiles as pushFilesIn } from './cli-git.js';

// The one sandbox the CLI's integration cases share (cli.integration.test.ts starts and stops
// it; the `*.cases.ts` files beside it register their tests against it). The bindings are
// live: a case reads them when it runs, after `startCliSuite` has set them.

/** A tab: the column separator of flux's tables. */
export const T = '\t';

/** The sandbox with the engine, and the CLI pointed at it. */
export let fx: CliFixture;
/** The `cli` repository on the sandbox Git server. */
export let url: string;
/** The commit of {@link APPS_FILES} pushed to {@link url}. */
export let sha: string;
/** A scratch directory, removed at the end. */
export let work: string;

/** Commits files (path → text) to a new repository at `remote` and pushes `main`; resolves the commit. */
export function pushFiles(remote: string, files: Record<string, string>): Promise<string> {
  return pushFilesIn(work, remote, files);
}

/** Starts the sandbox and the engine, and pushes the app the cases sync. */
export async function startCliSuite(): Promise<void> {
  fx = await startCliFixture();
  url = await fx.sandbox.createGitRepository('cli');
  work = mkdtempSync(join(tmpdir(), 'tideline-cli-wt-'));
  sha = await pushFiles(url, { ...APPS_FILES });
}

/** Stops the engine and the sandbox and removes the scratch directory. */
export async function stopCliSuite(): Promise<void> {
  await fx?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
}
