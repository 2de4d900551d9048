import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive } from '../state.js';
import { pinnedKubectl } from '../testing/tools.js';
import { startControlPlane, type ControlPlane } from './index.js';

const dataDir = mkdtempSync(join(tmpdir(), 'tideline-cp-'));
let running: ControlPlane | undefined;

afterAll(async () => {
  await running?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function kubectl(cp: ControlPlane, ...args: string[]): string {
  return execFileSync(pinnedKubectl(), ['--kubeconfig', cp.kubeconfigPath, ...args], { encoding: 'utf8' });
}

describe('control plane', () => {
  it('starts, answers /readyz through the written kubeconfig, and keeps objects across a restart', async () => {
    const started = Date.now();
    running = await startControlPlane({ dataDir });
    const warmStartMs = Date.now() - started;
    expect(kubectl(running, 'get', '--raw', '/readyz').trim()).toBe('ok');
    kubectl(running, 'create', 'configmap', 'survivor', '--from-literal=k=v', '-n', 'default');
    const firstPorts = running.ports;
    await running.stop();
    running = await startControlPlane({ dataDir });
    expect(running.ports.apiserver).toBe(firstPorts.apiserver);
    expect(
      kubectl(running, 'get', 'configmap', 'survivor', '-n', 'default', '-o', 'jsonpath={.data.k}'),
    ).toBe('v');
    console.log(`control plane warm start to /readyz + default ServiceAccount: ${warmStartMs} ms`);
  });

  it('stops every child process', async () => {
    const cp = running ?? (await startControlPlane({ dataDir }));
    running = undefined;
    const pids = execFileSync('pgrep', ['-f', dataDir], { encoding: 'utf8' }).trim().split('\n').map(Number);
    expect(pids.length).toBeGreaterThanOrEqual(4);
    await cp.stop();
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
