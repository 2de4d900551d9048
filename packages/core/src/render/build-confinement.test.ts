import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkBuildConfinement, type FoundRemote } from './build-confinement.js';

let root = '';

function tree(files: Record<string, string>, links: Record<string, string> = {}): string {
  root = mkdtempSync(join(tmpdir(), 'confine-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    symlinkSync(target, join(root, path));
  }
  return root;
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

const check = (dir = 'apps', maxBytes = 1024 * 1024, allowRemoteBases = false): Promise<FoundRemote[]> =>
  checkBuildConfinement(root, join(root, dir), { maxBytes, allowRemoteBases });
const NO_REMOTE =
  'remote bases are disabled: all resources must refer to local files included in the source artifact';
const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n';

describe('checkBuildConfinement', () => {
  it('accepts a tree that stays inside the artifact, including files in sibling directories', async () => {
    tree({
      'base/kustomization.yaml': 'resources: [cm.yaml]\n',
      'base/cm.yaml': cm,
      'patches/replicas.yaml': '- op: add\n  path: /data\n  value: {}\n',
      'apps/kustomization.yaml':
        'resources: [../base, https://github.com/org/repo//deploy?ref=v1, missing.yaml]\npatches:\n  - path: ../patches/replicas.yaml\n    target: {kind: ConfigMap}\nconfigMapGenerator:\n  - name: g\n    files: [key=../base/cm.yaml]\n',
    });
    await expect(check('apps', 1024 * 1024, true)).resolves.toEqual([
      {
        kind: 'http',
        host: 'github.com',
        where: "apps/kustomization.yaml: resources entry 'https://github.com/org/repo//deploy?ref=v1'",
      },
    ]);
  });

  it.each<[string, string, string]>([
    [
      'an HTTP resource',
      'resources: [http://127.0.0.1:8080/cm.yaml]\n',
      "resources entry 'http://127.0.0.1:8080/cm.yaml'",
    ],
    ['a git base', 'bases: [github.com/org/repo/deploy]\n', "bases entry 'github.com/org/repo/deploy'"],
    [
      'an scp-like component',
      'components: [me@host.example:org/c.git]\n',
      "components entry 'me@host.example:org/c.git'",
    ],
    [
      'a remote patch',
      'patches:\n  - path: https://x.example/p.yaml\n',
      "patches.path entry 'https://x.example/p.yaml'",
    ],
    [
      'a remote generator source',
      'configMapGenerator:\n  - name: g\n    files: [k=HTTPS://x.example/f]\n',
      "configMapGenerator.files entry 'HTTPS://x.example/f'",
    ],
    [
      'a remote openapi schema',
      'openapi:\n  path: http://169.254.169.254/s.json\n',
      "openapi.path entry 'http://169.254.169.254/s.json'",
    ],
  ])('refuses %s unless remote bases are allowed', async (_what, kustomization, where) => {
    tree({ 'apps/kustomization.yaml': kustomization });
    await expect(check()).rejects.toThrow(`apps/kustomization.yaml: ${where}: ${NO_REMOTE}`);
    await expect(check('apps', 1024 * 1024, true)).resolves.toHaveLength(1);
  });

  it('refuses a remote base in a nested kustomization', async () => {
    tree({
      'apps/kustomization.yaml': 'resources: [../base]\n',
      'base/kustomization.yaml': 'resources: [git::https://x.example/r.git]\n',
    });
    await expect(check()).rejects.toThrow(
      `base/kustomization.yaml: resources entry 'git::https://x.example/r.git': ${NO_REMOTE}`,
    );
  });

  it.each<[string, string, string]>([
    [
      'an absolute resource',
      'resources: [/etc/passwd]\n',
      "apps/kustomization.yaml: resources entry '/etc/passwd' is not in or below the artifact root",
    ],
    [
      'a relative climb out of the root',
      'resources: [../../../../../../etc]\n',
      "apps/kustomization.yaml: resources entry '../../../../../../etc' is not in or below the artifact root",
    ],
    [
      'a file:// URL',
      'resources: [file:///etc/passwd]\n',
      "resources entry 'file:///etc/passwd' is not in or below the artifact root",
    ],
    ['a base', 'bases: [/etc]\n', "bases entry '/etc' is not in or below"],
    ['a component', 'components: [../../x]\n', "components entry '../../x' is not in or below"],
    [
      'a patch file',
      'patches:\n  - path: /etc/hostname\n',
      "patches.path entry '/etc/hostname' is not in or below",
    ],
    [
      'a JSON6902 patch file',
      'patchesJson6902:\n  - path: ../../p.yaml\n    target: {kind: X, name: y}\n',
      "patchesJson6902.path entry '../../p.yaml'",
    ],
    [
      'a strategic-merge patch file',
      'patchesStrategicMerge:\n  - /etc/hostname\n',
      "patchesStrategicMerge entry '/etc/hostname'",
    ],
    [
      'a generator file with a key',
      'configMapGenerator:\n  - name: x\n    files: [passwd=/etc/passwd]\n',
      "configMapGenerator.files entry '/etc/passwd'",
    ],
    [
      'a generator env file',
      'secretGenerator:\n  - name: x\n    envs: [../../.env]\n',
      "secretGenerator.envs entry '../../.env'",
    ],
    ['crds', 'crds: [/etc/crd.yaml]\n', "crds entry '/etc/crd.yaml'"],
    ['configurations', 'configurations: [/etc/c.yaml]\n', "configurations entry '/etc/c.yaml'"],
    ['replacements', 'replacements:\n  - path: /etc/r.yaml\n', "replacements.path entry '/etc/r.yaml'"],
    ['openapi', 'openapi:\n  path: /etc/schema.json\n', "openapi.path entry '/etc/schema.json'"],
    [
      'helm values',
      'helmCharts:\n  - name: c\n    valuesFile: /etc/values.yaml\n',
      "helmCharts entry '/etc/values.yaml'",
    ],
    [
      'an inline transformer config',
      'transformers:\n  - |\n    apiVersion: builtin\n    kind: PatchTransformer\n    metadata: {name: p}\n    path: /etc/hostname\n',
      "transformers.path entry '/etc/hostname'",
    ],
    ['a generator plugin', 'generators: [/etc/gen.yaml]\n', "generators entry '/etc/gen.yaml'"],
    // Found by kustomization-references.property.test.ts: kustomize decodes with encoding/json,
    // which matches field names case-insensitively (and ſ as s, K as k), and go-yaml decodes !!binary.
    [
      'a field spelled in capitals after a harmless one',
      'resources: []\nRESOURCES: [/etc/passwd]\n',
      "resources entry '/etc/passwd'",
    ],
    ['a field spelled with a long s', 're\u017fources: [/etc/passwd]\n', "resources entry '/etc/passwd'"],
    [
      'a nested field in another case',
      'patches:\n  - Path: /etc/hostname\n',
      "patches.path entry '/etc/hostname'",
    ],
    ['a !!binary path', 'resources:\n  - !!binary L2V0Yy9wYXNzd2Q=\n', "resources entry '/etc/passwd'"],
  ])('refuses %s', async (_name, kustomization, message) => {
    tree({ 'apps/kustomization.yaml': kustomization });
    await expect(check()).rejects.toThrow(message);
  });

  it('refuses paths inside a transformer config file', async () => {
    tree({
      'apps/kustomization.yaml': 'transformers: [patcher.yaml]\n',
      'apps/patcher.yaml':
        'apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: p\npath: /etc/hostname\n',
    });
    await expect(check()).rejects.toThrow(
      "transformers.path entry '/etc/hostname' is not in or below the artifact root",
    );
  });

  it('refuses plugin configs built by a transformer kustomization', async () => {
    tree({
      'apps/kustomization.yaml': 'transformers: [../plugins]\n',
      'plugins/kustomization.yaml': 'resources: [gen.yaml]\n',
      'plugins/gen.yaml':
        'apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: g\nfiles: [/etc/passwd]\n',
    });
    await expect(check()).rejects.toThrow(
      "plugins/kustomization.yaml: resources.files entry '/etc/passwd' is not in or below the artifact root",
    );
  });

  it('refuses a symlinked directory that leaves the root', async () => {
    tree({ 'apps/kustomization.yaml': 'resources: [outside]\n' }, { 'apps/outside': '/etc' });
    await expect(check()).rejects.toThrow(
      "apps/kustomization.yaml: resources entry 'outside' resolves outside the artifact root",
    );
  });

  it('refuses a symlinked file that leaves the root, even through a nested base', async () => {
    tree(
      {
        'apps/kustomization.yaml': 'resources: [../base]\n',
        'base/kustomization.yaml': 'resources: [passwd.yaml]\n',
      },
      { 'base/passwd.yaml': '/etc/passwd' },
    );
    await expect(check()).rejects.toThrow(
      "base/kustomization.yaml: resources entry 'passwd.yaml' resolves outside the artifact root",
    );
  });

  it('accepts a symlink that stays inside', async () => {
    tree(
      {
        'apps/kustomization.yaml': 'resources: [link]\n',
        'base/kustomization.yaml': 'resources: [cm.yaml]\n',
        'base/cm.yaml': cm,
      },
      { 'apps/link': '../base' },
    );
    await expect(check()).resolves.toEqual([]);
  });

  it('detects a kustomization loop, bounded', async () => {
    tree({
      'apps/kustomization.yaml': 'resources: [../b]\n',
      'b/kustomization.yaml': 'resources: [../c]\n',
      'c/kustomization.yaml': 'resources: [../apps]\n',
    });
    await expect(check()).rejects.toThrow('kustomization loop detected: apps → b → c → apps');
  });

  it('detects a self-reference', async () => {
    tree({ 'apps/kustomization.yaml': 'resources: [.]\n' });
    await expect(check()).rejects.toThrow('kustomization loop detected: apps → apps');
  });

  it('visits a shared base once (a diamond is not a loop)', async () => {
    tree({
      'apps/kustomization.yaml': 'resources: [../x, ../y]\n',
      'x/kustomization.yaml': 'resources: [../base]\n',
      'y/kustomization.yaml': 'resources: [../base]\n',
      'base/kustomization.yaml': 'resources: [cm.yaml]\n',
      'base/cm.yaml': cm,
    });
    await expect(check()).resolves.toEqual([]);
  });

  it('caps the bytes a build may read', async () => {
    tree({
      'apps/kustomization.yaml': 'resources: [big.yaml]\n',
      'apps/big.yaml': `${cm}data:\n  x: "${'a'.repeat(4096)}"\n`,
    });
    await expect(check('apps', 2048)).rejects.toThrow('manifests exceed the 2048 byte limit');
  });

  it('fails closed on a kustomization file it cannot parse', async () => {
    tree({ 'apps/kustomization.yaml': 'resources: [a.yaml]\nresources: [/etc/passwd]\n' });
    await expect(check()).rejects.toThrow(/apps\/kustomization.yaml: .*/);
  });
});
