import { expect, it } from 'vitest';
import { pushImageManifest, waitFor } from '@tideline/sandbox';
import { fx } from '../testing/cli-suite.js';

/** Registers the CLI integration cases of `create image repository|policy|update`. */
export function createImageCases(): void {
  it('create image repository|policy|update print flux’s YAML with --export, and apply and wait', async () => {
    const update = await fx.cli(
      'create',
      'image',
      'update',
      'flux-system',
      '--git-repo-ref=flux-system',
      '--git-repo-path=./clusters/my-cluster',
      '--checkout-branch=main',
      '--push-branch=image-updates',
      '--author-name=flux',
      '--author-email=flux@example.com',
      '--commit-template=bump',
      '--export',
    );
    expect([update.code, update.stdout]).toEqual([
      0,
      [
        '---',
        'apiVersion: image.toolkit.fluxcd.io/v1',
        'kind: ImageUpdateAutomation',
        'metadata:',
        '  name: flux-system',
        '  namespace: flux-system',
        'spec:',
        '  git:',
        '    checkout:',
        '      ref:',
        '        branch: main',
        '    commit:',
        '      author:',
        '        email: flux@example.com',
        '        name: flux',
        '      messageTemplate: bump',
        '    push:',
        '      branch: image-updates',
        '  interval: 1m0s',
        '  sourceRef:',
        '    kind: GitRepository',
        '    name: flux-system',
        '  update:',
        '    path: ./clusters/my-cluster',
        '    strategy: Setters',
        '',
      ].join('\n'),
    ]);
    const image = `${fx.sandbox.registryHost}/cli/app`;
    const imageRepositoryRef = {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImageRepository',
      namespace: 'flux-system',
      name: 'app',
    };
    for (const tag of ['1.0.0', '1.2.0'])
      await pushImageManifest({ host: fx.sandbox.registryHost, repository: 'cli/app', tag });
    const repoYaml = await fx.cli(
      'create',
      'image',
      'repository',
      'app',
      '--image',
      image,
      '--interval',
      '5m',
      '--scan-timeout',
      '30s',
      '--export',
    );
    expect(repoYaml.stdout).toBe(
      [
        '---',
        'apiVersion: image.toolkit.fluxcd.io/v1',
        'kind: ImageRepository',
        'metadata:',
        '  name: app',
        '  namespace: flux-system',
        'spec:',
        `  image: ${image}`,
        '  interval: 5m0s',
        '  timeout: 30s',
        '',
      ].join('\n'),
    );
    // go-containerregistry scans a loopback registry over HTTP; the engine wants spec.insecure
    // for it, which flux's command has no flag for: the first wait fails in flux's words.
    const failed = await fx.cli('create', 'image', 'repository', 'app', '--image', image);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(
      /^✚ generating ImageRepository\n► applying ImageRepository\n✔ ImageRepository created\n◎ waiting for ImageRepository reconciliation\n✗ ImageRepository reconciliation failed: 'scan failed: [^\n]+'\n$/,
    );
    await fx.resources.apply(
      {
        apiVersion: 'image.toolkit.fluxcd.io/v1',
        kind: 'ImageRepository',
        metadata: { name: 'app', namespace: 'flux-system' },
        spec: { image, insecure: true },
      },
      { fieldManager: 'test' },
    );
    // The CLI's wait reads Ready=False of the previous generation as a failure: let the engine
    // take the new generation first.
    await waitFor(
      async () => {
        const obj = await fx.resources.get(imageRepositoryRef);
        const ready = (
          obj?.status as { conditions?: { type: string; status: string }[] } | undefined
        )?.conditions?.find((c) => c.type === 'Ready');
        return ready?.status === 'True';
      },
      { timeoutMs: 30_000, intervalMs: 200, what: 'ImageRepository app Ready' },
    );
    const repo = await fx.cli('create', 'image', 'repository', 'app', '--image', image);
    expect([repo.code, repo.stderr]).toEqual([
      0,
      [
        '✚ generating ImageRepository',
        '► applying ImageRepository',
        '✔ ImageRepository updated',
        '◎ waiting for ImageRepository reconciliation',
        '✔ ImageRepository reconciliation completed',
        '',
      ].join('\n'),
    ]);
    const policyArgs = [
      'create',
      'image',
      'policy',
      'app',
      '--image-ref',
      'app',
      '--select-semver',
      '>=1.0.0',
    ];
    expect((await fx.cli(...policyArgs, '--export')).stdout).toBe(
      [
        '---',
        'apiVersion: image.toolkit.fluxcd.io/v1',
        'kind: ImagePolicy',
        'metadata:',
        '  name: app',
        '  namespace: flux-system',
        'spec:',
        '  imageRepositoryRef:',
        '    name: app',
        '  policy:',
        '    semver:',
        "      range: '>=1.0.0'",
        '',
      ].join('\n'),
    );
    const policy = await fx.cli(...policyArgs);
    expect([policy.code, policy.stderr.split('\n').at(-2)]).toEqual([
      0,
      '✔ ImagePolicy reconciliation completed',
    ]);
    const latest = await fx.resources.get({
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImagePolicy',
      namespace: 'flux-system',
      name: 'app',
    });
    expect((latest?.status as { latestRef?: { tag?: string } }).latestRef?.tag).toBe('1.2.0');
    const again = await fx.cli(...policyArgs);
    expect(again.stderr).toContain('✔ ImagePolicy updated\n');
    const wrong = await fx.cli(
      'create',
      'image',
      'policy',
      'x',
      '--image-ref',
      'app',
      '--select-alpha',
      'up',
    );
    expect([wrong.code, wrong.stderr.split('\n')[0]]).toEqual([
      2,
      '✗ --select-alpha must be one of ["asc", "desc"]',
    ]);
  });
}
