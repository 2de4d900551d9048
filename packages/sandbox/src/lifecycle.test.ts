import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sandboxDown, sandboxStatus, sandboxUp } from './lifecycle.js';
import { isAlive } from './state.js';
import { pinnedKubectl } from './testing/tools.js';

const dir = mkdtempSync(join(tmpdir(), 'tideline-lifecycle-'));

afterAll(async () => {
  await sandboxDown({ dir });
  rmSync(dir, { recursive: true, force: true });
});

function kubectl(kubeconfig: string, ...args: string[]): string {
  return execFileSync(pinnedKubectl(), ['--kubeconfig', kubeconfig, ...args], { encoding: 'utf8' });
}

function processesUsing(path: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', path], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

describe('detached sandbox lifecycle', () => {
  it('comes up detached, reports itself running, and refuses a second start', async () => {
    const up = await sandboxUp({ dir });
    expect(up.started).toBe(true);
    expect(sandboxStatus(dir)).toMatchObject({ running: true, state: { pid: up.state.pid } });
    expect(kubectl(up.state.kubeconfigPath, 'get', '--raw', '/readyz')).toBe('ok');
    kubectl(up.state.kubeconfigPath, 'create', 'configmap', 'kept', '--from-literal=k=v');
    const again = await sandboxUp({ dir });
    expect(again).toMatchObject({ started: false, state: { pid: up.state.pid } });
  });

  it('down leaves no process behind, and up again finds the objects created before', async () => {
    const before = sandboxStatus(dir).state;
    expect(before).toBeDefined();
    const children = before?.childPids ?? [];
    expect(children.length).toBeGreaterThanOrEqual(5);
    expect(await sandboxDown({ dir })).toBe(true);
    expect(isAlive(before?.pid ?? -1)).toBe(false);
    expect(children.filter(isAlive)).toEqual([]);
    expect(processesUsing(dir)).toEqual([]);
    expect(sandboxStatus(dir).running).toBe(false);

    const knownHosts = readFileSync(join(dir, 'git-ssh', 'known_hosts'), 'utf8');
    const up = await sandboxUp({ dir });
    expect(kubectl(up.state.kubeconfigPath, 'get', 'configmap', 'kept', '-o', 'jsonpath={.data.k}')).toBe(
      'v',
    );
    // The SSH endpoint keeps its port and host key, so known_hosts lines in Secrets stay valid.
    expect(before?.gitSshUrl).toMatch(/^ssh:\/\/git@127\.0\.0\.1:\d+$/);
    expect(up.state.gitSshUrl).toBe(before?.gitSshUrl);
    expect(readFileSync(join(dir, 'git-ssh', 'known_hosts'), 'utf8')).toBe(knownHosts);
  });

  it('recovers from a killed daemon: its children die with it and the next up starts cleanly', async () => {
    const state = sandboxStatus(dir).state;
    process.kill(state?.pid ?? -1, 'SIGKILL');
    const deadline = Date.now() + 15_000;
    while ((isAlive(state?.pid ?? -1) || processesUsing(dir).length > 0) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(isAlive(state?.pid ?? -1)).toBe(false);
    expect(processesUsing(dir)).toEqual([]);
    const up = await sandboxUp({ dir });
    expect(up.started).toBe(true);
    expect(kubectl(up.state.kubeconfigPath, 'get', 'configmap', 'kept', '-o', 'jsonpath={.data.k}')).toBe(
      'v',
    );
  });
});
