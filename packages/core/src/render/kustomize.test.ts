import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pinnedKubectl } from '../testing/cluster-fixture.js';
import { kustomizeBuild } from './kustomize.js';

let dir = '';
function tree(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'kbuild-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const kubectlBin = pinnedKubectl();
const cm = (name: string, size = 0): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  x: "${'a'.repeat(size)}"\n`;

describe('kustomizeBuild (pinned kubectl kustomize)', () => {
  it('builds', async () => {
    tree({ 'app/kustomization.yaml': 'resources: [cm.yaml]\nnamePrefix: p-\n', 'app/cm.yaml': cm('c') });
    expect(await kustomizeBuild(join(dir, 'app'), { kubectlBin, timeoutMs: 30_000 })).toContain('name: p-c');
  });

  it('reports kustomize errors without the temp path', async () => {
    tree({ 'app/kustomization.yaml': 'resources: [missing.yaml]\n' });
    await expect(kustomizeBuild(join(dir, 'app'), { kubectlBin, timeoutMs: 30_000 })).rejects.toThrow(
      /^kustomize build failed: accumulating resources: .*missing\.yaml/,
    );
    await expect(kustomizeBuild(join(dir, 'app'), { kubectlBin, timeoutMs: 30_000 })).rejects.not.toThrow(
      dir,
    );
  });

  it('stops a build whose output exceeds the cap', async () => {
    tree({
      'app/kustomization.yaml': 'resources: [a.yaml, b.yaml, c.yaml]\n',
      'app/a.yaml': cm('a', 200_000),
      'app/b.yaml': cm('b', 200_000),
      'app/c.yaml': cm('c', 200_000),
    });
    await expect(
      kustomizeBuild(join(dir, 'app'), { kubectlBin, timeoutMs: 30_000, maxOutputBytes: 100_000 }),
    ).rejects.toThrow('kustomize build failed: output exceeds the 100000 byte limit');
  });

  it('keeps kustomize root-only unless told otherwise', async () => {
    tree({
      'app/kustomization.yaml': 'resources: [cm.yaml]\npatches:\n  - path: ../patches/p.yaml\n',
      'app/cm.yaml': cm('c'),
      'patches/p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  extra: z\n',
    });
    await expect(kustomizeBuild(join(dir, 'app'), { kubectlBin, timeoutMs: 30_000 })).rejects.toThrow(
      /is not in or below/,
    );
    expect(
      await kustomizeBuild(join(dir, 'app'), {
        kubectlBin,
        timeoutMs: 30_000,
        loadRestrictor: 'LoadRestrictionsNone',
      }),
    ).toContain('extra: z');
  });

  it('has a wall-clock limit', async () => {
    tree({ 'app/kustomization.yaml': 'resources: [cm.yaml]\n', 'app/cm.yaml': cm('c') });
    await expect(kustomizeBuild(join(dir, 'app'), { kubectlBin, timeoutMs: 1 })).rejects.toThrow(
      'kustomize build failed: timed out after 1 ms',
    );
  });
});
