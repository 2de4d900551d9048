import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listTags, ProcessSupervisor, startRegistry, type Registry } from '@tideline/sandbox';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseImageArgument, runSandboxCommand } from './sandbox-command.js';

describe('sandbox push-image argument', () => {
  it.each([
    ['my-app:v1.0.1', { repository: 'my-app', tag: 'v1.0.1' }],
    ['team/app:1.2.3', { repository: 'team/app', tag: '1.2.3' }],
    ['127.0.0.1:5000/my-app:v2', { repository: 'my-app', tag: 'v2' }],
  ])('reads %s', (argument, want) => {
    expect(parseImageArgument(argument, '127.0.0.1:5000')).toEqual(want);
  });

  it.each([undefined, '', 'my-app', 'my-app:', ':v1', 'other:5000/my-app:v1', 'my-app:v1/x'])(
    'refuses %j',
    (argument) => {
      expect(parseImageArgument(argument, '127.0.0.1:5000')).toBeUndefined();
    },
  );
});

describe('sandbox push-image', () => {
  const supervisor = new ProcessSupervisor();
  const dir = mkdtempSync(join(tmpdir(), 'tideline-push-image-'));
  let registry: Registry;

  beforeAll(async () => {
    registry = await startRegistry({
      dataDir: join(dir, 'registry'),
      supervisor,
      logFile: join(dir, 'registry.log'),
    });
    // What a running sandbox publishes about itself; the command only needs the registry.
    writeFileSync(join(dir, 'sandbox.json'), JSON.stringify({ registryHost: registry.host }));
  });

  afterAll(async () => {
    await supervisor.stopAll();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pushes NAME:TAG to the sandbox registry and prints the reference with its digest', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runSandboxCommand(['push-image', 'my-app:v1.0.1', '--dir', dir])).toBe(0);
      expect(String(out.mock.calls[0]?.[0])).toMatch(
        new RegExp(`^${registry.host.replace(/\./g, '\\.')}/my-app:v1\\.0\\.1@sha256:[0-9a-f]{64}\\n$`),
      );
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain(
        `✔ pushed ${registry.host}/my-app:v1.0.1`,
      );
      expect(await listTags(registry.host, 'my-app')).toEqual(['v1.0.1']);

      expect(await runSandboxCommand(['push-image', 'my-app', '--dir', dir])).toBe(1);
      expect(await runSandboxCommand(['push-image', 'my-app:v1.0.2', '--dir', join(dir, 'none')])).toBe(1);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toContain('✗ no sandbox is running in');
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
  });
});
