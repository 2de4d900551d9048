import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { staleReason } from '../../bin/ensure-built.js';

// The launcher's decision to build (bin/ensure-built.js): a fresh clone has no dist/, a pull
// or an edit leaves sources newer than the last build's stamp.

const project = { dir: 'pkg', output: 'dist/cli/main.js' };
let root: string;

function layout(files: Record<string, number>): void {
  root = mkdtempSync(join(tmpdir(), 'tideline-ensure-built-'));
  for (const [path, mtimeSeconds] of Object.entries(files)) {
    const full = join(root, 'pkg', path);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, '');
    utimesSync(full, mtimeSeconds, mtimeSeconds);
  }
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('staleReason', () => {
  it.each<[string, Record<string, number>, string | undefined]>([
    ['a fresh clone (no dist/)', { 'src/a.ts': 100 }, 'not built yet'],
    [
      'dist/ without the launcher stamp',
      { 'src/a.ts': 100, 'dist/cli/main.js': 200 },
      'built by an older command',
    ],
    [
      'a source newer than the stamp',
      { 'src/deep/a.ts': 300, 'dist/cli/main.js': 200, 'dist/.build-stamp': 200 },
      'sources changed since the last build',
    ],
    [
      'only a test file newer (tests are not built)',
      { 'src/a.test.ts': 300, 'src/a.ts': 100, 'dist/cli/main.js': 200, 'dist/.build-stamp': 200 },
      undefined,
    ],
    [
      'everything older than the stamp',
      { 'src/a.ts': 100, 'dist/cli/main.js': 200, 'dist/.build-stamp': 200 },
      undefined,
    ],
  ])('%s', (_name, files, expected) => {
    layout(files);
    expect(staleReason(root, project)).toBe(expected);
  });
});
