import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox, type SandboxPeer } from './sandbox.js';
import { pinnedKubectl } from './testing/tools.js';

// Outage drills stop one peer and bring it back on the same port with the same data: every
// peer must refuse connections while down and serve its old content afterwards.
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'tideline-outage-'));
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ dir, podStartDelayMs: 100, imageCheck: false });
});

afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function kubectl(...args: string[]): Promise<string> {
  return (
    await run(pinnedKubectl(), ['--kubeconfig', sandbox.kubeconfigPath, '--request-timeout=5s', ...args], {
      encoding: 'utf8',
    })
  ).stdout;
}

/** The HTTP status a peer answers with, or `refused` when nothing listens. */
async function probe(url: string): Promise<number | 'refused'> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await res.body?.cancel();
    return res.status;
  } catch {
    return 'refused';
  }
}

describe('sandbox peer outages', () => {
  it('stops and restarts the Git server, chart repository and registry on their ports', async () => {
    const repoUrl = await sandbox.createGitRepository('outage');
    const peers: [SandboxPeer, string][] = [
      ['git', `${repoUrl}/info/refs?service=git-upload-pack`],
      ['charts', `${sandbox.chartRepoUrl}/index.yaml`],
      ['registry', `http://${sandbox.registryHost}/v2/`],
    ];
    for (const [peer, url] of peers) {
      const before = await probe(url);
      expect(before, peer).not.toBe('refused');
      await sandbox.stopPeer(peer);
      expect(await probe(url), peer).toBe('refused');
      await sandbox.startPeer(peer);
      expect(await probe(url), peer).toBe(before);
    }
  });

  it('stops kube-apiserver and etcd, and the cluster keeps its objects when they return', async () => {
    await kubectl('create', 'configmap', 'kept', '-n', 'default', '--from-literal=k=v');
    await sandbox.stopPeer('kube-apiserver');
    await expect(kubectl('get', 'configmap', 'kept', '-n', 'default')).rejects.toThrow();
    await sandbox.startPeer('kube-apiserver');
    expect(await kubectl('get', 'configmap', 'kept', '-n', 'default', '-o', 'name')).toContain('kept');

    await sandbox.stopPeer('etcd');
    await expect(kubectl('get', 'configmap', 'kept', '-n', 'default')).rejects.toThrow();
    await sandbox.startPeer('etcd');
    // The API server reconnects to etcd by itself; allow it a few seconds.
    let seen = '';
    for (let i = 0; i < 30 && !seen.includes('kept'); i++) {
      seen = await kubectl('get', 'configmap', 'kept', '-n', 'default', '-o', 'name').catch(() => '');
      if (!seen.includes('kept')) await new Promise((r) => setTimeout(r, 1000));
    }
    expect(seen).toContain('kept');
  });
});
