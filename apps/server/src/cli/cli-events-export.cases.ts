import { expect, it } from 'vitest';
import { fx, url } from '../testing/cli-suite.js';

/** Registers the CLI integration cases of `events`, `export` and `delete` (the last deletes the Kustomization `apps`). */
export function eventsExportCases(): void {
  it('events --for merges the source events, in flux events’ table', async () => {
    const r = await fx.cli('events', '--for', 'Kustomization/apps');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]?.split('\t').map((h) => h.trim())).toEqual([
      'LAST SEEN',
      'TYPE',
      'REASON',
      'OBJECT',
      'MESSAGE',
    ]);
    const objects = new Set(lines.slice(1).map((l) => l.split('\t')[3]?.trim()));
    expect(objects).toEqual(new Set(['GitRepository/repo', 'Kustomization/apps']));
    expect(r.stdout).toMatch(
      /\tNormal\s*\tNewArtifact\s*\tGitRepository\/repo\s*\tstored artifact for commit 'apps' *\t\n/,
    );
    const all = await fx.cli('events', '-A', '--types', 'Normal');
    expect(all.stdout.split('\t')[0]).toBe('NAMESPACE  ');
    const none = await fx.cli('events', '--types', 'warning');
    expect([none.code, none.stdout, none.stderr]).toEqual([
      0,
      '',
      '✗ No events found in flux-system namespace.\n',
    ]);
    const wrong = await fx.cli('events', '--for', 'Widget/x');
    expect([wrong.code, wrong.stderr.split('\n')[0]]).toEqual([
      2,
      "✗ 'Widget' is not a recognized Flux kind",
    ]);
  });

  it('export prints what re-applies; delete asks, or takes --silent, as flux does', async () => {
    const exported = await fx.cli('export', 'source', 'git', '--all');
    expect(exported.code).toBe(0);
    // flux export keeps the annotations (the last reconcile request among them), never status.
    expect(exported.stdout.replace(/requestedAt: \S+/, 'requestedAt: <time>')).toBe(
      [
        '---',
        'apiVersion: source.toolkit.fluxcd.io/v1',
        'kind: GitRepository',
        'metadata:',
        '  annotations:',
        '    reconcile.fluxcd.io/requestedAt: <time>',
        '  name: repo',
        '  namespace: flux-system',
        'spec:',
        '  interval: 1m0s',
        '  ref:',
        '    branch: main',
        '  timeout: 60s',
        `  url: ${url}`,
        '',
      ].join('\n'),
    );
    const missing = await fx.cli('export', 'ks', 'apps', 'nope');
    expect([missing.code, missing.stdout]).toEqual([1, '']);

    const unasked = await fx.cli('delete', 'ks', 'apps');
    expect(unasked.code).toBe(2);
    expect(unasked.stderr.split('\n')[0]).toContain('pass --silent');
    const deleted = await fx.cli('delete', 'ks', 'apps', '--silent');
    expect([deleted.code, deleted.stderr]).toEqual([
      0,
      '► deleting kustomization apps in flux-system namespace\n✔ kustomization deleted\n',
    ]);
    // The engine's finalizer prunes what it applied, then lets the object go (flux does not wait either).
    const deadline = Date.now() + 20_000;
    while ((await fx.cli('get', 'ks', 'apps')).code === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    const gone = await fx.cli('delete', 'ks', 'apps', '-s');
    expect(gone.stderr).toBe(`✗ Kustomization object 'apps' not found in "flux-system" namespace\n`);
  });
}
