import { describe, expect, it } from 'vitest';
import type { ReceiverSpec } from '../../api/notification-v1.js';
import { receiverTargets } from './receiver-targets.js';

const spec = (resources: ReceiverSpec['resources']): ReceiverSpec => ({
  type: 'generic',
  secretRef: { name: 'token' },
  resources,
});
const names = (targets: ReturnType<typeof receiverTargets>): string[] =>
  targets.map((t) => `${t.kind} ${t.namespace}/${t.name ?? t.labelSelector}`);

describe('receiver targets', () => {
  it("resolves each resource in the Receiver's namespace unless it names one", () => {
    const targets = receiverTargets(
      {
        namespace: 'team-a',
        spec: spec([
          { kind: 'GitRepository', name: 'apps' },
          {
            apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
            kind: 'Kustomization',
            name: 'apps',
            namespace: 'flux-system',
          },
          {
            apiVersion: 'helm.toolkit.fluxcd.io/v2',
            kind: 'HelmRelease',
            name: '*',
            matchLabels: { tier: 'web' },
          },
        ]),
      },
      {},
      false,
    );
    expect(names(targets)).toEqual([
      'GitRepository team-a/apps',
      'Kustomization flux-system/apps',
      'HelmRelease team-a/tier=web',
    ]);
    expect(targets[0]?.apiVersion).toBe('source.toolkit.fluxcd.io/v1');
  });

  it('refuses another namespace under --no-cross-namespace-refs, and allows its own', () => {
    const receiver = (namespace: string) => ({
      namespace: 'team-a',
      spec: spec([{ kind: 'GitRepository', name: 'apps', namespace }]),
    });
    expect(() => receiverTargets(receiver('flux-system'), {}, true)).toThrow(
      'cross-namespace references are not allowed',
    );
    expect(names(receiverTargets(receiver('team-a'), {}, true))).toEqual(['GitRepository team-a/apps']);
  });

  it('defaults the apiVersion of source kinds only, as Flux does', () => {
    expect(() =>
      receiverTargets({ namespace: 'a', spec: spec([{ kind: 'Kustomization', name: 'x' }]) }, {}, false),
    ).toThrow('apiVersion must be specified for kind "Kustomization"');
  });

  it("refuses a wildcard without matchLabels with Flux's message", () => {
    expect(() =>
      receiverTargets({ namespace: 'a', spec: spec([{ kind: 'GitRepository', name: '*' }]) }, {}, false),
    ).toThrow("matchLabels field not set when using wildcard '*' as name");
  });
});
