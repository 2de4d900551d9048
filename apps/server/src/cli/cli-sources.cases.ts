import { expect, it } from 'vitest';
import { fx, url, sha, T } from '../testing/cli-suite.js';

/** Registers the CLI integration cases of `create source git`, `check`, `get`, and `suspend|resume|reconcile` (each builds on the one before: the GitRepository `repo`, the Kustomization `apps`). */
export function sourceCases(): void {
  it('create source git --export prints the object and applies nothing', async () => {
    const r = await fx.cli('create', 'source', 'git', 'repo', '--url', url, '--branch', 'main', '--export');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        '---',
        'apiVersion: source.toolkit.fluxcd.io/v1',
        'kind: GitRepository',
        'metadata:',
        '  name: repo',
        '  namespace: flux-system',
        'spec:',
        '  interval: 1m0s',
        '  ref:',
        '    branch: main',
        `  url: ${url}`,
        '',
      ].join('\n'),
    );
    expect((await fx.cli('get', 'sources', 'git')).stderr).toBe(
      '✗ no GitRepository objects found in "flux-system" namespace\n',
    );
  });

  it('check --pre and check print flux check’s sections for the engine', async () => {
    const pre = await fx.cli('check', '--pre');
    expect([pre.code, pre.stderr]).toEqual([
      0,
      '► checking prerequisites\n✔ Kubernetes 1.20.2 >=1.20.0-0\n✔ prerequisites checks passed\n',
    ]);
    const full = await fx.cli('check');
    expect(full.stderr).toBe(
      [
        '► checking prerequisites',
        '✔ Kubernetes 1.20.2 >=1.20.0-0',
        '► checking version in cluster',
        '✔ distribution: tideline',
        '✔ bootstrapped: false',
        '► checking controllers',
        `✔ engine: leader ${fx.engine.identity}`,
        '✔ source-controller: OCIRepository, GitRepository, HelmRepository, HelmChart',
        '✔ image-reflector-controller: ImageRepository, ImagePolicy',
        '✔ image-automation-controller: ImageUpdateAutomation',
        '✔ helm-controller: HelmRelease',
        '✔ kustomize-controller: Kustomization',
        '✔ notification-controller: Receiver, Provider, Alert',
        '► checking crds',
        '✔ alerts.notification.toolkit.fluxcd.io/v1beta3 (served: v1beta3, v1beta2)',
        '✔ gitrepositories.source.toolkit.fluxcd.io/v1 (served: v1, v1beta2)',
        '✔ helmcharts.source.toolkit.fluxcd.io/v1 (served: v1, v1beta2)',
        '✔ helmreleases.helm.toolkit.fluxcd.io/v2 (served: v2, v2beta2)',
        '✔ helmrepositories.source.toolkit.fluxcd.io/v1 (served: v1, v1beta2)',
        '✔ imagepolicies.image.toolkit.fluxcd.io/v1 (served: v1, v1beta2)',
        '✔ imagerepositories.image.toolkit.fluxcd.io/v1 (served: v1, v1beta2)',
        '✔ imageupdateautomations.image.toolkit.fluxcd.io/v1 (served: v1, v1beta2)',
        '✔ kustomizations.kustomize.toolkit.fluxcd.io/v1 (served: v1, v1beta2)',
        '✔ ocirepositories.source.toolkit.fluxcd.io/v1 (served: v1, v1beta2)',
        '✔ providers.notification.toolkit.fluxcd.io/v1beta3 (served: v1beta3, v1beta2)',
        '✔ receivers.notification.toolkit.fluxcd.io/v1 (served: v1, v1beta2)',
        '✔ all checks passed',
        '',
      ].join('\n'),
    );
    expect(full.code).toBe(0);
    // Another namespace has no leader: the check fails as flux's does, with exit code 1.
    const elsewhere = await fx.cli('check', '-n', 'default');
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(
      '✗ engine: no leader (Lease tideline-engine-leader-election not held in default namespace)\n',
    );
    expect(elsewhere.stderr.endsWith('✗ check failed\n')).toBe(true);
  });

  it('create source git applies, waits and prints flux’s lines; get prints flux’s table', async () => {
    const created = await fx.cli('create', 'source', 'git', 'repo', '--url', url, '--branch', 'main');
    expect(created.stderr).toBe(
      [
        '✚ generating GitRepository source',
        '► applying GitRepository source',
        '✔ GitRepository source created',
        '◎ waiting for GitRepository source reconciliation',
        '✔ GitRepository source reconciliation completed',
        `✔ fetched revision: main@sha1:${sha}`,
        '',
      ].join('\n'),
    );
    expect(created.code).toBe(0);
    const short = sha.slice(0, 8);
    const got = await fx.cli('get', 'sources', 'git');
    const message = `stored artifact for revision 'main@sha1:${short}'`;
    expect(got.stdout).toBe(
      [
        `NAME${T}REVISION          ${T}SUSPENDED${T}READY${T}${'MESSAGE'.padEnd(message.length)}`,
        `repo${T}main@sha1:${short}${T}False    ${T}True ${T}${message}${T}`,
        '',
      ].join('\n'),
    );
    const noHeader = await fx.cli('get', 'sources', 'git', '-A', '--no-header');
    expect(noHeader.stdout.split('\t').slice(0, 2)).toEqual(['flux-system', 'repo']);
  });

  it('suspend, resume and reconcile a Kustomization as flux does', async () => {
    await fx.resources.apply(
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: 'apps', namespace: 'flux-system' },
        spec: {
          interval: '10m',
          path: './',
          prune: true,
          sourceRef: { kind: 'GitRepository', name: 'repo' },
        },
      },
      { fieldManager: 'test' },
    );
    const resumed0 = await fx.cli('resume', 'ks', 'apps');
    expect(resumed0.code).toBe(0);
    const suspended = await fx.cli('suspend', 'kustomization', 'apps');
    expect(suspended.stderr).toBe(
      '► suspending kustomization apps in flux-system namespace\n✔ kustomization suspended\n',
    );
    const refused = await fx.cli('reconcile', 'ks', 'apps');
    expect([refused.code, refused.stderr]).toEqual([1, '✗ resource is suspended\n']);
    const selected = await fx.cli('get', 'ks', '--status-selector', 'ready=true', '--no-header');
    expect(selected.stdout).toBe(
      `apps${T}main@sha1:${sha.slice(0, 8)}${T}True${T}True${T}Applied revision: main@sha1:${sha.slice(0, 8)}${T}\n`,
    );

    const resumed = await fx.cli('resume', 'ks', 'apps');
    expect(resumed.stderr).toBe(
      [
        '► resuming kustomization apps in flux-system namespace',
        '✔ kustomization resumed',
        '◎ waiting for Kustomization reconciliation',
        '✔ Kustomization apps reconciliation completed',
        `✔ applied revision main@sha1:${sha}`,
        '',
      ].join('\n'),
    );
    const reconciled = await fx.cli('reconcile', 'ks', 'apps', '--with-source');
    expect(reconciled.stderr).toBe(
      [
        '► annotating GitRepository repo in flux-system namespace',
        '✔ GitRepository annotated',
        '◎ waiting for GitRepository reconciliation',
        `✔ fetched revision main@sha1:${sha}`,
        '► annotating Kustomization apps in flux-system namespace',
        '✔ Kustomization annotated',
        '◎ waiting for Kustomization reconciliation',
        `✔ applied revision main@sha1:${sha}`,
        '',
      ].join('\n'),
    );
    expect(reconciled.code).toBe(0);
    const all = await fx.cli('get', 'all');
    expect(all.stdout).toContain(`gitrepository/repo${T}`);
    expect(all.stdout).toContain(`kustomization/apps${T}`);
    expect(all.stdout.endsWith('\n\n')).toBe(true);
  });
}
