import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUSTOMIZE_API_VERSION } from '../../api/kustomize-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { ksRef } from '../../testing/kustomization-fixture.js';
import { applyOciRepository, pushFluxArtifact, requestReconcile } from '../../testing/oci-fixture.js';

let fx: ClusterFixture;

beforeAll(async () => {
  fx = await startClusterFixture();
});

afterAll(async () => {
  await fx?.stop();
});

type Ks = KubeObject & {
  status?: {
    lastAppliedRevision?: string;
    lastAttemptedRevision?: string;
    lastAppliedOriginRevision?: string;
  };
};
type ConfigMap = KubeObject & { data?: Record<string, string> };
const cmRef = { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'from-oci' };
const configMap = (value: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: from-oci\n  namespace: default\ndata:\n  value: ${value}\n`;

describe('Kustomization from an OCIRepository', () => {
  it('applies the artifact and re-applies when the OCIRepository gets a new one', async () => {
    const host = fx.sandbox.registryHost;
    const first = await pushFluxArtifact(host, 'manifests/app', 'latest', {
      'deploy/cm.yaml': configMap('one'),
    });
    await applyOciRepository(fx.resources, 'app', { url: `oci://${host}/manifests/app`, insecure: true });
    await fx.resources.apply(
      {
        apiVersion: KUSTOMIZE_API_VERSION,
        kind: 'Kustomization',
        metadata: { name: 'oci-app', namespace: 'default' },
        spec: {
          interval: '10m',
          prune: true,
          path: './deploy',
          sourceRef: { kind: 'OCIRepository', name: 'app' },
        },
      },
      { fieldManager: 'test' },
    );
    const applied = await waitForObject<Ks>(
      fx.resources,
      ksRef('oci-app'),
      (o) => ready(o)?.status === 'True',
    );
    expect(applied.status?.lastAppliedRevision).toBe(`latest@${first.digest}`);
    expect(ready(applied)?.message).toBe(`Applied revision: latest@${first.digest}`);
    // The artifact's `org.opencontainers.image.revision` (the Git commit it was pushed from).
    expect(applied.status?.lastAppliedOriginRevision).toBe(`main@sha1:${'a'.repeat(40)}`);
    const events = await fx.resources.list<
      KubeObject & { reason: string; metadata: { annotations?: Record<string, string> } }
    >('v1', 'Event', { namespace: 'default' });
    const finished = events.items.find(
      (e) =>
        e.reason === 'ReconciliationSucceeded' &&
        e.metadata.annotations?.['kustomize.toolkit.fluxcd.io/revision'] === `latest@${first.digest}`,
    );
    expect(finished?.metadata.annotations?.['kustomize.toolkit.fluxcd.io/originRevision']).toBe(
      `main@sha1:${'a'.repeat(40)}`,
    );
    expect((await fx.resources.get<ConfigMap>(cmRef))?.data?.value).toBe('one');

    // The Kustomization's interval is 10m: only the OCIRepository's new artifact can wake it.
    const second = await pushFluxArtifact(host, 'manifests/app', 'latest', {
      'deploy/cm.yaml': configMap('two'),
    });
    await requestReconcile(fx.resources, 'app', 'second');
    const reapplied = await waitForObject<Ks>(
      fx.resources,
      ksRef('oci-app'),
      (o) => o.status?.lastAppliedRevision === `latest@${second.digest}` && ready(o)?.status === 'True',
    );
    expect(reapplied.status?.lastAttemptedRevision).toBe(`latest@${second.digest}`);
    expect((await fx.resources.get<ConfigMap>(cmRef))?.data?.value).toBe('two');
  });
});
