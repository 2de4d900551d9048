import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureSandboxSshKeys } from './sandbox-keys.js';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-ssh-keys-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ensureSandboxSshKeys', () => {
  it('generates the host and deploy keys once, privately, and reuses them', () => {
    const first = ensureSandboxSshKeys(join(dir, 'git-ssh'));
    const again = ensureSandboxSshKeys(join(dir, 'git-ssh'));
    expect(again).toEqual(first);
    expect(first.hostKey.publicKey).not.toBe(first.deployKey.publicKey);
    expect(first.deployKey.privateKey).toContain('BEGIN OPENSSH PRIVATE KEY');
    expect(statSync(join(dir, 'git-ssh')).mode & 0o777).toBe(0o700);
    for (const f of ['host_key', 'deploy_key', 'deploy_key.pub'])
      expect(statSync(join(dir, 'git-ssh', f)).mode & 0o777).toBe(0o600);
  });
});
