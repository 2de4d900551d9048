import { describe, expect, it } from 'vitest';
import { buildDeliveryGraph, type GraphInput } from '../graph/model.js';
import { crdManifest } from './crd.js';
import { ImagePolicyKind, ImagePolicySpecSchema } from './imagepolicy-v1.js';
import { ImageRepositoryKind, ImageRepositorySpecSchema } from './imagerepository-v1.js';
import { ImageUpdateAutomationKind, ImageUpdateAutomationSpecSchema } from './imageupdateautomation-v1.js';
import type { FluxObjectView } from './kind-definition.js';

type Crd = {
  metadata: { name: string };
  spec: {
    names: { shortNames: string[]; categories: string[] };
    versions: {
      name: string;
      deprecationWarning?: string;
      additionalPrinterColumns: { name: string; jsonPath: string; priority?: number }[];
      schema: {
        openAPIV3Schema: { properties: { spec: { properties: Record<string, { default?: unknown }> } } };
      };
    }[];
  };
};

const view = (kind: string, name: string, extra: Partial<FluxObjectView> = {}): FluxObjectView => ({
  kind,
  metadata: { name, namespace: 'flux-system', ...extra.metadata },
  ...(extra.spec ? { spec: extra.spec } : {}),
  ...(extra.status ? { status: extra.status } : {}),
});

describe('image automation kinds in the registry', () => {
  it.each([
    [
      ImageRepositoryKind,
      'imagerepositories.image.toolkit.fluxcd.io',
      ['imgrepo', 'imagerepo'],
      ['Image', 'Tags', 'Ready', 'Status', 'Last scan', 'Age'],
    ],
    [
      ImagePolicyKind,
      'imagepolicies.image.toolkit.fluxcd.io',
      ['imgpol', 'imagepol'],
      ['Image', 'Tag', 'Ready', 'Status', 'Age'],
    ],
    [
      ImageUpdateAutomationKind,
      'imageupdateautomations.image.toolkit.fluxcd.io',
      ['iua', 'imgupd', 'imgauto'],
      ['Ready', 'Status', 'Last run', 'Age'],
    ],
  ])('%#: CRD names, short names, category and Flux printer columns', (kind, name, shortNames, columns) => {
    const crd = crdManifest(kind) as Crd;
    expect(crd.metadata.name).toBe(name);
    expect(crd.spec.names.shortNames).toEqual(shortNames);
    expect(crd.spec.names.categories).toContain('fluxcd-images');
    expect(crd.spec.versions.map((v) => v.name)).toEqual(['v1', 'v1beta2']);
    expect(crd.spec.versions[1]?.deprecationWarning).toBe(
      `v1beta2 ${kind.kind} is deprecated, upgrade to v1`,
    );
    expect(crd.spec.versions[0]?.additionalPrinterColumns.map((c) => c.name)).toEqual(columns);
  });

  it('defaults the exclusion list and provider in the CRD, as Flux does', () => {
    const crd = crdManifest(ImageRepositoryKind) as Crd;
    const spec = crd.spec.versions[0]?.schema.openAPIV3Schema.properties.spec.properties;
    expect(spec?.exclusionList?.default).toEqual(['^.*\\.sig$']);
    expect(spec?.provider?.default).toBe('generic');
    expect(ImageRepositorySpecSchema.parse({ image: 'alpine', interval: '5m' }).exclusionList).toEqual([
      '^.*\\.sig$',
    ]);
  });

  it('accepts the guide objects unchanged and refuses what the CRD refuses', () => {
    expect(
      ImageRepositorySpecSchema.safeParse({ image: 'ghcr.io/myorg/my-app', interval: '5m' }).success,
    ).toBe(true);
    expect(ImageRepositorySpecSchema.safeParse({ image: 'x', interval: '5m', timeout: '1h' }).success).toBe(
      false,
    );
    expect(
      ImagePolicySpecSchema.safeParse({
        imageRepositoryRef: { name: 'my-app' },
        policy: { semver: { range: '1.x' } },
      }).success,
    ).toBe(true);
    const interval = ImagePolicySpecSchema.safeParse({
      imageRepositoryRef: { name: 'a' },
      policy: { alphabetical: {} },
      interval: '5m',
    });
    expect(interval.error?.issues[0]?.message).toBe(
      "spec.interval is only accepted when spec.digestReflectionPolicy is set to 'Always'",
    );
    const guide = ImageUpdateAutomationSpecSchema.parse({
      interval: '30m',
      sourceRef: { kind: 'GitRepository', name: 'apps' },
      git: {
        checkout: { ref: { branch: 'main' } },
        commit: {
          author: { name: 'fluxcdbot', email: 'flux@myorg.com' },
          messageTemplate: 'chore: update my-app to {{range .Changed.Changes}}{{.NewValue}}{{end}}',
        },
        push: { branch: 'main' },
      },
      update: { path: './apps', strategy: 'Setters' },
    });
    expect(guide.update).toEqual({ path: './apps', strategy: 'Setters' });
    expect(
      ImageUpdateAutomationSpecSchema.parse({ interval: '1m', sourceRef: { name: 'x' } }).update,
    ).toEqual({
      strategy: 'Setters',
    });
  });

  it('prints flux get images columns and success lines', () => {
    const repo = view('ImageRepository', 'my-app', {
      spec: { image: 'ghcr.io/myorg/my-app', suspend: true },
      status: { lastScanResult: { tagCount: 3, scanTime: '2026-01-02T03:04:05Z', revision: '123' } },
    });
    expect(ImageRepositoryKind.cli.columns.map((c) => c.cell(repo))).toEqual([
      '2026-01-02T03:04:05Z',
      'True',
    ]);
    expect(ImageRepositoryKind.cli.successLine(repo)).toBe('scan fetched 3 tags');
    const policy = view('ImagePolicy', 'my-app', {
      status: { latestRef: { name: 'ghcr.io/myorg/my-app', tag: 'v1.0.1', digest: 'sha256:abc' } },
    });
    expect(ImagePolicyKind.cli.columns.map((c) => c.cell(policy))).toEqual([
      'ghcr.io/myorg/my-app',
      'v1.0.1',
    ]);
    expect(ImagePolicyKind.cli.successLine(policy)).toBe(
      'selected ref ghcr.io/myorg/my-app:v1.0.1@sha256:abc',
    );
    const auto = view('ImageUpdateAutomation', 'my-app', {
      status: { lastAutomationRunTime: '2026-01-02T03:04:05Z' },
    });
    expect(ImageUpdateAutomationKind.cli.columns.map((c) => c.cell(auto))).toEqual([
      '2026-01-02T03:04:05Z',
      'False',
    ]);
    expect(ImageUpdateAutomationKind.cli.successLine(auto)).toBe('last run 2026-01-02T03:04:05Z');
    expect(ImageUpdateAutomationKind.cli.successLine(view('ImageUpdateAutomation', 'x'))).toBe(
      'automation not yet run',
    );
    expect(ImageUpdateAutomationKind.cli.humanKind).toBe('image update automation');
  });

  it('shows latest tag, previous tag, last scan, tag count and last push commit as facts', () => {
    const policy = view('ImagePolicy', 'my-app', {
      spec: { imageRepositoryRef: { name: 'my-app' } },
      status: {
        latestRef: { name: 'reg/my-app', tag: 'v1.0.1' },
        observedPreviousRef: { name: 'reg/my-app', tag: 'v1.0.0' },
      },
    });
    expect(ImagePolicyKind.display.facts?.(policy)).toEqual([
      { label: 'Latest tag', value: 'v1.0.1', mono: true },
      { label: 'Previous tag', value: 'reg/my-app:v1.0.0', mono: true },
      { label: 'Image repository', value: 'my-app', objectId: 'ImageRepository/flux-system/my-app' },
    ]);
    const repoFacts = ImageRepositoryKind.display.facts?.(
      view('ImageRepository', 'my-app', {
        spec: { image: 'alpine' },
        status: {
          canonicalImageName: 'index.docker.io/library/alpine',
          lastScanResult: { tagCount: 2, scanTime: '2026-01-02T03:04:05Z', latestTags: ['b', 'a'] },
        },
      }),
    );
    expect(repoFacts?.map((f) => [f.label, f.value])).toEqual([
      ['Image', 'alpine'],
      ['Canonical name', 'index.docker.io/library/alpine'],
      ['Last scan', '2026-01-02T03:04:05Z'],
      ['Tags', '2'],
      ['Latest tags', 'b, a'],
    ]);
    const commit = 'a'.repeat(40);
    const autoFacts = ImageUpdateAutomationKind.display.facts?.(
      view('ImageUpdateAutomation', 'my-app', {
        spec: { sourceRef: { name: 'apps' }, git: { push: { branch: 'main' } } },
        status: { lastPushCommit: commit },
      }),
    );
    expect(autoFacts?.[0]).toEqual({ label: 'Last push commit', value: commit, mono: true });
    expect(autoFacts?.at(-1)).toEqual({
      label: 'Pushes to',
      value: 'apps',
      objectId: 'GitRepository/flux-system/apps',
    });
  });

  it('closes the loop in the graph: repository → policy → automation → GitRepository → Kustomization', () => {
    const objects: GraphInput[] = [
      view('ImageRepository', 'my-app'),
      view('ImagePolicy', 'my-app', {
        spec: { imageRepositoryRef: { name: 'my-app' } },
        metadata: { name: 'my-app', labels: { team: 'a' } },
      }),
      view('ImagePolicy', 'other', {
        spec: { imageRepositoryRef: { name: 'my-app' } },
        metadata: { name: 'other', labels: { team: 'b' } },
      }),
      view('ImageUpdateAutomation', 'my-app', {
        spec: {
          sourceRef: { kind: 'GitRepository', name: 'apps' },
          policySelector: { matchLabels: { team: 'a' } },
        },
      }),
      view('GitRepository', 'apps'),
      view('Kustomization', 'apps', { spec: { sourceRef: { kind: 'GitRepository', name: 'apps' } } }),
    ];
    expect(buildDeliveryGraph(objects).edges).toEqual([
      { from: 'GitRepository/flux-system/apps', to: 'Kustomization/flux-system/apps', type: 'source' },
      {
        from: 'ImagePolicy/flux-system/my-app',
        to: 'ImageUpdateAutomation/flux-system/my-app',
        type: 'policy',
      },
      { from: 'ImageRepository/flux-system/my-app', to: 'ImagePolicy/flux-system/my-app', type: 'source' },
      { from: 'ImageRepository/flux-system/my-app', to: 'ImagePolicy/flux-system/other', type: 'source' },
      {
        from: 'ImageUpdateAutomation/flux-system/my-app',
        to: 'GitRepository/flux-system/apps',
        type: 'pushes',
      },
    ]);
  });
});
