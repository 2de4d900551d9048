import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { KubeClient } from '../kube/client.js';
import { installCrds } from '../kube/crds-install.js';
import type { KubeObject } from '../kube/objects.js';
import { Resources } from '../kube/resources.js';
import { startSandbox, type Sandbox } from '../testing/sandbox.js';
import { fluxCrds } from './index.js';
import { storageApiVersion } from './kind-definition.js';
import { kindDefinition } from './registry.js';

// The user story's YAML (../shared/seed/fluxcd-gitops-guide.md), applied unchanged at the API
// versions it states, against CRDs generated from the kind registry.

const GUIDE = resolve(import.meta.dirname, '../../../../../shared/seed/fluxcd-gitops-guide.md');

/** Every Flux object in the guide's YAML blocks, in order. */
function guideObjects(): KubeObject[] {
  const blocks = [...readFileSync(GUIDE, 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
  return blocks
    .flatMap((block) => parseAllDocuments(block).map((doc) => doc.toJS() as KubeObject | null))
    .filter((o): o is KubeObject => !!o && /\.toolkit\.fluxcd\.io\//.test(o.apiVersion));
}

let sandbox: Sandbox;
let resources: Resources;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tideline-guide-'));
  sandbox = await startSandbox({ dir });
  resources = new Resources(await KubeClient.fromKubeconfig(sandbox.kubeconfigPath));
  await installCrds(resources, fluxCrds(), 'tideline');
  for (const name of ['flux-system', 'ingress-nginx']) {
    await resources.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      { fieldManager: 'test' },
    );
  }
});

afterAll(async () => {
  await sandbox?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the guide's Flux YAML", () => {
  const objects = guideObjects();

  it('names the kinds and versions the guide uses', () => {
    expect(objects.map((o) => `${o.kind} ${o.apiVersion}`)).toEqual([
      'GitRepository source.toolkit.fluxcd.io/v1',
      'Kustomization kustomize.toolkit.fluxcd.io/v1',
      'HelmRepository source.toolkit.fluxcd.io/v1',
      'HelmRelease helm.toolkit.fluxcd.io/v2',
      'ImageRepository image.toolkit.fluxcd.io/v1beta2',
      'ImagePolicy image.toolkit.fluxcd.io/v1beta2',
      'ImageUpdateAutomation image.toolkit.fluxcd.io/v1beta2',
      'Provider notification.toolkit.fluxcd.io/v1beta3',
      'Alert notification.toolkit.fluxcd.io/v1beta3',
    ]);
    expect(objects.filter((o) => !kindDefinition(o.kind)).map((o) => o.kind)).toEqual([]);
  });

  it('is accepted unchanged at its stated versions and reads back at the storage version', async () => {
    for (const obj of objects) {
      const def = kindDefinition(obj.kind)!;
      expect(def.versions.map((v) => v.name)).toContain(obj.apiVersion.split('/')[1]);
      const applied = await resources.apply(obj, { fieldManager: 'guide' });
      expect(applied.apiVersion).toBe(obj.apiVersion);
      const stored = await resources.get<KubeObject & { spec?: unknown }>({
        apiVersion: storageApiVersion(def),
        kind: obj.kind,
        namespace: obj.metadata.namespace,
        name: obj.metadata.name,
      });
      expect(stored?.spec).toMatchObject((obj as KubeObject & { spec: object }).spec);
    }
  });

  it('is accepted at the deprecated v1beta2 that Flux 2.x still serves', async () => {
    const git = objects.find((o) => o.kind === 'GitRepository')!;
    const older = {
      ...git,
      apiVersion: 'source.toolkit.fluxcd.io/v1beta2',
      metadata: { ...git.metadata, name: 'old' },
    };
    const applied = await resources.apply(older, { fieldManager: 'guide' });
    expect(applied.apiVersion).toBe('source.toolkit.fluxcd.io/v1beta2');
  });
});
