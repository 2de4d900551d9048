import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishCharts } from './chart-repo/index.js';
import { startSandbox, type Sandbox } from './sandbox.js';
import { pinnedHelm, pinnedKubectl, REPO_ROOT } from './testing/tools.js';

// Async on purpose: the Git server and chart repository run in this process.
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'tideline-sandbox-'));
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ dir, podStartDelayMs: 100 });
});

afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function kubectl(...args: string[]): Promise<string> {
  return (await run(pinnedKubectl(), ['--kubeconfig', sandbox.kubeconfigPath, ...args], { encoding: 'utf8' }))
    .stdout;
}

async function helm(...args: string[]): Promise<string> {
  return (
    await run(pinnedHelm(), ['--kubeconfig', sandbox.kubeconfigPath, ...args], {
      encoding: 'utf8',
      env: {
        ...process.env,
        HELM_CACHE_HOME: join(dir, 'helm-cache'),
        HELM_CONFIG_HOME: join(dir, 'helm-config'),
        HELM_DATA_HOME: join(dir, 'helm-data'),
      },
    })
  ).stdout;
}

describe('sandbox', () => {
  it('serves its Git repositories over SSH to its deploy key, verified by its known_hosts line', async () => {
    const httpUrl = await sandbox.createGitRepository('ssh-check');
    const work = join(dir, 'ssh-check');
    await run('git', ['init', '-q', '-b', 'main', work]);
    await run('git', [
      '-C',
      work,
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@t.invalid',
      'commit',
      '-q',
      '--allow-empty',
      '-m',
      'first',
    ]);
    await run('git', ['-C', work, 'push', '-q', httpUrl, 'main']);
    const head = (await run('git', ['-C', work, 'rev-parse', 'HEAD'], { encoding: 'utf8' })).stdout.trim();
    await writeFile(join(dir, 'deploy_key'), sandbox.gitSsh.deployKey.privateKey, { mode: 0o600 });
    await writeFile(join(dir, 'known_hosts'), `${sandbox.gitSsh.knownHosts}\n`);
    const ssh = `ssh -F /dev/null -i ${join(dir, 'deploy_key')} -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${join(dir, 'known_hosts')}`;
    const env = {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: dir,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_SSH_COMMAND: ssh,
    };
    const { stdout } = await run(
      'git',
      ['ls-remote', `${sandbox.gitSsh.url}/ssh-check.git`, 'refs/heads/main'],
      { env, encoding: 'utf8' },
    );
    expect(stdout.trim()).toBe(`${head}\trefs/heads/main`);
  });

  it('has Ready nodes that the pinned kubectl sees', async () => {
    const out = await kubectl(
      'get',
      'nodes',
      '-o',
      'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}',
    );
    expect(out.trim().split('\n')).toContain('tideline-sandbox-node-0=True');
  });

  it('lets the pinned helm install podinfo 6.2.1 from the chart repository and upgrade it to 6.2.2', async () => {
    const charts = ['podinfo-6.2.1', 'podinfo-6.2.2'].map((c) =>
      join(REPO_ROOT, '..', 'shared', 'fixtures', 'charts', c),
    );
    await publishCharts({
      root: join(dir, 'charts'),
      chartDirs: charts,
      url: sandbox.chartRepoUrl,
      helmBin: pinnedHelm(),
    });
    await helm(
      'upgrade',
      '--install',
      'podinfo',
      'podinfo',
      '--repo',
      sandbox.chartRepoUrl,
      '--version',
      '6.2.1',
      '--namespace',
      'default',
      '--server-side=false',
      '--wait',
      '--timeout',
      '2m',
    );
    const list = JSON.parse(await helm('list', '--namespace', 'default', '-o', 'json')) as {
      name: string;
      status: string;
      chart: string;
    }[];
    expect(list).toEqual([
      expect.objectContaining({ name: 'podinfo', status: 'deployed', chart: 'podinfo-6.2.1' }),
    ]);
    await helm(
      'upgrade',
      '--install',
      'podinfo',
      'podinfo',
      '--repo',
      sandbox.chartRepoUrl,
      '--version',
      '6.2.2',
      '--namespace',
      'default',
      '--server-side=false',
      '--wait',
      '--timeout',
      '2m',
    );
    const after = JSON.parse(await helm('list', '--namespace', 'default', '-o', 'json')) as {
      status: string;
      chart: string;
      revision: string;
    }[];
    expect(after[0]).toMatchObject({ status: 'deployed', chart: 'podinfo-6.2.2', revision: '2' });
    const available = await kubectl(
      'get',
      'deployment',
      'podinfo',
      '-n',
      'default',
      '-o',
      'jsonpath={.status.availableReplicas}',
    );
    expect(Number(available)).toBeGreaterThanOrEqual(1);
  });
});
