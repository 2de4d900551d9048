import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUSTOMIZE_API_VERSION } from '../../api/kustomize-v1.js';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { ksRef, kustomizationTestHelpers } from '../../testing/kustomization-fixture.js';

let fx: ClusterFixture;
let repo: GitWorkTree;
const { applySourceRepository } = kustomizationTestHelpers(() => ({ fx, repo }));

const cm = (name: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: default\ndata:\n  a: b\n`;

async function buildFailure(name: string, path: string): Promise<string> {
  await fx.resources.apply(
    {
      apiVersion: KUSTOMIZE_API_VERSION,
      kind: 'Kustomization',
      metadata: { name, namespace: 'default' },
      spec: { interval: '10m', prune: true, path, sourceRef: { kind: 'GitRepository', name: 'repo' } },
    },
    { fieldManager: 'test' },
  );
  const ks = await waitForObject<KubeObject>(fx.resources, ksRef(name), (o) => ready(o)?.status === 'False');
  expect(ready(ks)?.reason).toBe('BuildFailed');
  return ready(ks)?.message ?? '';
}

beforeAll(async () => {
  fx = await startClusterFixture();
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-safety'));
  await repo.commit({
    'passwd/kustomization.yaml': 'resources: [/etc/passwd]\n',
    'climb/kustomization.yaml': 'resources: [../../../../../../../etc]\n',
    'patchfile/kustomization.yaml': `resources: [cm.yaml]\npatches:\n  - path: /etc/hostname\n`,
    'patchfile/cm.yaml': cm('patched'),
    'generator/kustomization.yaml':
      'configMapGenerator:\n  - name: leak\n    files: [passwd=../../../../../../etc/passwd]\n',
    'loop/a/kustomization.yaml': 'resources: [../b]\n',
    'loop/b/kustomization.yaml': 'resources: [../a]\n',
    'nameless/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: default\ndata:\n  a: b\n',
    'noversion/kustomization.yaml': 'resources: [cm.yaml]\n',
    'noversion/cm.yaml': 'kind: ConfigMap\nmetadata:\n  name: no-version\n',
    'huge/huge.yaml': `${cm('huge')}  blob: "${'x'.repeat(50 * 1024 * 1024)}"\n`,
    'huge-ref/kustomization.yaml': 'resources: [../huge/huge.yaml]\n',
    'linked/kustomization.yaml': 'resources: [etc/passwd]\n',
  });
  // A symlinked directory pointing out of the repository: the artifact never carries it.
  symlinkSync('/etc', join(repo.dir, 'linked', 'etc'));
  await repo.commit({ 'linked/README.md': 'symlink to /etc\n' });
  await applySourceRepository();
  await waitForObject(
    fx.resources,
    { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', namespace: 'default', name: 'repo' },
    (o) => ready(o)?.status === 'True',
    120_000,
  );
}, 600_000);

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('Kustomization build safety', () => {
  it('refuses resources: [/etc/passwd]', async () => {
    expect(await buildFailure('passwd', './passwd')).toBe(
      "kustomize build failed: passwd/kustomization.yaml: resources entry '/etc/passwd' is not in or below the artifact root",
    );
  });

  it('refuses ../../.. beyond the artifact root', async () => {
    expect(await buildFailure('climb', './climb')).toBe(
      "kustomize build failed: climb/kustomization.yaml: resources entry '../../../../../../../etc' is not in or below the artifact root",
    );
  });

  it('refuses absolute patch files and generator sources outside the root', async () => {
    expect(await buildFailure('patchfile', './patchfile')).toContain(
      "patches.path entry '/etc/hostname' is not in or below the artifact root",
    );
    expect(await buildFailure('generator', './generator')).toContain(
      "configMapGenerator.files entry '../../../../../../etc/passwd' is not in or below",
    );
  });

  it('never follows a symlinked directory out of the artifact', async () => {
    const message = await buildFailure('linked', './linked');
    expect(message).toMatch(/^kustomize build failed: /);
    expect(message).not.toContain('root:x:0:0');
  });

  it('ends a kustomization loop with a bounded error', async () => {
    expect(await buildFailure('loop', './loop/a')).toBe(
      'kustomize build failed: kustomization loop detected: loop/a → loop/b → loop/a',
    );
  });

  it('refuses objects without a name, or without an apiVersion, in Flux words', async () => {
    expect(await buildFailure('nameless', './nameless')).toBe(
      'failed to decode Kubernetes YAML from cm.yaml: missing metadata.name in object {{v1 ConfigMap} {{ default} map[] map[]}}',
    );
    expect(await buildFailure('noversion', './noversion')).toBe(
      'failed to decode Kubernetes apiVersion, kind and name from: kind: ConfigMap\nmetadata:\n  name: no-version',
    );
  });

  it('refuses a 50 MB manifest with a bounded error', async () => {
    expect(await buildFailure('huge', './huge')).toMatch(
      /^failed to decode Kubernetes YAML from huge\.yaml: file is \d+ bytes, over the 33554432 byte limit$/,
    );
    expect(await buildFailure('huge-ref', './huge-ref')).toBe(
      'kustomize build failed: manifests exceed the 33554432 byte limit',
    );
  });
});
