import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { fx } from '../testing/cli-suite.js';

/** Registers the CLI integration cases of bad input: wrong kinds, flags, names, namespaces, durations, contexts, an unreachable cluster, an object the cluster refuses. */
export function badInputCases(): void {
  it.each<[string, string[], number, string]>([
    ['an unknown kind', ['get', 'widgets'], 2, '✗ unknown kind "widgets"'],
    ['an unknown flag', ['get', 'ks', '--frobnicate'], 2, '✗ unknown flag: --frobnicate'],
    [
      'a missing name',
      ['get', 'ks', 'nope'],
      1,
      `✗ Kustomization object 'nope' not found in "flux-system" namespace`,
    ],
    ['a missing namespace', ['get', 'ks', '-n', 'nowhere'], 1, '✗ namespace "nowhere" not found'],
    [
      'a missing object to suspend',
      ['suspend', 'ks', 'nope'],
      1,
      '✗ Kustomization nope not found in flux-system namespace',
    ],
    [
      'a wrong duration',
      ['reconcile', 'ks', 'apps', '--timeout', 'soon'],
      2,
      '✗ invalid argument "soon" for "--timeout"',
    ],
    ['a missing context', ['get', 'ks', '--context', 'elsewhere'], 1, '✗ invalid kubeconfig'],
  ])('%s is one clear line and a non-zero exit', async (_what, argv, code, line) => {
    const r = await fx.cli(...argv);
    expect(r.code).toBe(code);
    expect(r.stderr.split('\n')[0]).toContain(line);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('✗'))).toHaveLength(1);
  });

  it('an unreachable cluster is one line within the probe deadline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tideline-cli-kc-'));
    const kubeconfig = join(dir, 'kubeconfig');
    const text = readFileSync(fx.sandbox.kubeconfigPath, 'utf8').replace(
      /server: \S+/,
      'server: https://127.0.0.1:1',
    );
    writeFileSync(kubeconfig, text);
    const { runCli } = await import('../testing/cli-fixture.js');
    const r = await runCli(['get', 'ks', '--kubeconfig', kubeconfig]);
    rmSync(dir, { recursive: true, force: true });
    expect([r.code, r.stderr]).toEqual([
      1,
      '✗ cannot reach the Kubernetes API server at https://127.0.0.1:1: ECONNREFUSED\n',
    ]);
  });

  it('create rejects an object the cluster refuses and leaves nothing behind', async () => {
    const r = await fx.cli(
      'create',
      'receiver',
      'hook',
      '--type',
      'no-such-type',
      '--secret-ref',
      's',
      '--resource',
      'GitRepository/repo',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^✚ generating Receiver\n✗ Receiver 'hook' rejected by the cluster: .+\n$/);
    expect((await fx.cli('get', 'receivers')).stderr).toBe(
      '✗ no Receiver objects found in "flux-system" namespace\n',
    );
  });
}
