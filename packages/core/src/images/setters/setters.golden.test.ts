import { cp, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySetters } from './apply-setters.js';
import type { PolicyRef } from './setter-values.js';
import { allChanges, changedObjects, changeCount } from './update-result.js';

const GOLDEN = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'golden');
const DIGEST = 'sha256:6745aaad46d795c9836632e1fb62f24b7e7f4c843144da8e47a5465c411a14be';
const POLICIES: PolicyRef[] = [
  {
    namespace: 'automation-ns',
    name: 'policy',
    latestRef: { name: 'index.repo.fake/updated', tag: 'v1.0.1' },
  },
  { namespace: 'automation-ns', name: 'unchanged', latestRef: { name: 'image', tag: 'v1.0.0' } },
  {
    namespace: 'automation-ns',
    name: 'policy-with-digest',
    latestRef: { name: 'image', tag: 'v1.0.0', digest: DIGEST },
  },
  { namespace: 'automation-ns', name: 'numeric', latestRef: { name: 'image', tag: '20.04' } },
];

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  return out.sort();
}

let work: string;
beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'tideline-setters-'));
  await cp(join(GOLDEN, 'original'), work, { recursive: true });
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('setters over realistic manifests (golden files)', () => {
  it('changes only the marked values: every other byte of every file stays', async () => {
    const result = await applySetters(work, POLICIES);
    const expected = join(GOLDEN, 'expected');
    const files = await listFiles(expected);
    expect(await listFiles(work)).toEqual(files);
    for (const file of files) {
      const got = await readFile(join(work, file));
      const want = await readFile(join(expected, file));
      expect(got.toString('utf8'), file).toBe(want.toString('utf8'));
    }
    expect(result.problemFiles.sort()).toEqual(['broken.yaml', 'list.yaml']);
    expect([...result.fileChanges.keys()].sort()).toEqual([
      'apps/crlf.yml',
      'apps/deployment.yaml',
      'clusters/Kustomization',
      'clusters/kustomization.yaml',
      'releases/plain-tag.yaml',
      'releases/podinfo.yaml',
    ]);
    expect(changeCount(result)).toBe(11);
  });

  it('records changes per file and object, as the commit template sees them', async () => {
    const result = await applySetters(work, POLICIES);
    const deployment = result.fileChanges.get('apps/deployment.yaml');
    expect([...(deployment?.values() ?? [])]).toEqual([
      {
        object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'frontend', namespace: 'web' },
        changes: [
          {
            oldValue: 'image:v1.0.0',
            newValue: 'index.repo.fake/updated:v1.0.1',
            setter: 'automation-ns:policy',
          },
        ],
      },
      {
        object: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker', namespace: 'web' },
        changes: [
          {
            oldValue: 'image:v1.0.0',
            newValue: 'index.repo.fake/updated:v1.0.1',
            setter: 'automation-ns:policy',
          },
        ],
      },
    ]);
    expect(allChanges(result).map((c) => `${c.setter}: ${c.oldValue} -> ${c.newValue}`)).toContain(
      `automation-ns:policy-with-digest:digest: sha256:1234567890abcdef -> ${DIGEST}`,
    );
    const objects = [...changedObjects(result).values()].map((o) => `${o.object.kind}/${o.object.name}`);
    expect(objects).toContain('HelmRelease/podinfo');
    expect(objects).toContain('Kustomization/');
  });

  it('leaves a second run with nothing to do', async () => {
    await applySetters(work, POLICIES);
    const again = await applySetters(work, POLICIES);
    expect(again.fileChanges.size).toBe(0);
  });

  it('never reads or writes through a symlink', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'tideline-outside-'));
    try {
      const target = join(outside, 'secret.yaml');
      const marked =
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  i: image:v1 # {"$imagepolicy": "automation-ns:policy"}\n';
      await writeFile(target, marked);
      await symlink(target, join(work, 'link.yaml'));
      await symlink(outside, join(work, 'linked-dir'));
      const result = await applySetters(work, POLICIES);
      expect(await readFile(target, 'utf8')).toBe(marked);
      expect([...result.fileChanges.keys()].some((f) => f.includes('link'))).toBe(false);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});
