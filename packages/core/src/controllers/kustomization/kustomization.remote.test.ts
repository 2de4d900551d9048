import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/objects.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { GitWorkTree } from '../../testing/git-fixture.js';
import { ksRef, kustomizationTestHelpers } from '../../testing/kustomization-fixture.js';
import { TargetClusters } from './target-cluster.js';

let fx: ClusterFixture;
let repo: GitWorkTree;
const { applySourceRepository, applyKs } = kustomizationTestHelpers(() => ({ fx, repo }));

type Ks = KubeObject & { status?: { inventory?: { entries: { id: string }[] } } };
type Event = KubeObject & { type: string; reason: string; message: string; involvedObject: { name: string } };

const cm = (namespace: string, name: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\ndata:\n  key: v\n`;
const cmRef = (namespace: string, name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', namespace, name });

/** The sandbox's API server address, its CA (inline) and the admin token. */
let cluster: { server: string; caData: string; adminToken: string };
let remoteToken = '';

/** A self-contained kubeconfig for the sandbox with `user` as the credentials. */
function kubeconfig(user: Record<string, unknown>): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: 'remote', cluster: { server: cluster.server, 'certificate-authority-data': cluster.caData } },
    ],
    users: [{ name: 'remote-user', user }],
    contexts: [{ name: 'remote', context: { cluster: 'remote', user: 'remote-user' } }],
    'current-context': 'remote',
  });
}

async function kubeconfigSecret(name: string, data: Record<string, string>): Promise<void> {
  const encoded = Object.fromEntries(
    Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
  );
  await fx.resources.apply(
    {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name, namespace: 'default' },
      data: encoded,
    } as KubeObject,
    { fieldManager: 'test' },
  );
}

/** ServiceAccount `name` in `default`, allowed everything in `namespace` (when given). */
async function account(name: string, namespace?: string): Promise<void> {
  const apply = (obj: KubeObject): Promise<KubeObject> => fx.resources.apply(obj, { fieldManager: 'test' });
  await apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'default' } });
  if (!namespace) return;
  await apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'Role',
    metadata: { name, namespace },
    rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  } as KubeObject);
  await apply({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name, namespace: 'default' }],
  } as KubeObject);
}

/** The token the controller-manager minted for a ServiceAccount (Kubernetes 1.20 token Secrets). */
async function serviceAccountToken(name: string): Promise<string> {
  const sa = await waitForObject<KubeObject & { secrets?: { name: string }[] }>(
    fx.resources,
    { apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'default', name },
    (o) => (o.secrets?.length ?? 0) > 0,
  );
  const secretName = sa.secrets?.[0]?.name ?? '';
  const secret = await waitForObject<KubeObject & { data?: { token?: string } }>(
    fx.resources,
    { apiVersion: 'v1', kind: 'Secret', namespace: 'default', name: secretName },
    (o) => o.data?.token !== undefined,
  );
  return Buffer.from(secret.data?.token ?? '', 'base64').toString('utf8');
}

async function failed(name: string): Promise<{ reason: string; message: string }> {
  const ks = await waitForObject<Ks>(fx.resources, ksRef(name), (o) => ready(o)?.status === 'False');
  return ready(ks) ?? { reason: '', message: '' };
}

beforeAll(async () => {
  fx = await startClusterFixture();
  const local = parse(readFileSync(fx.sandbox.kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority': string } }[];
    users: { user: { token: string } }[];
  };
  const localCluster = local.clusters[0]?.cluster;
  cluster = {
    server: localCluster?.server ?? '',
    caData: readFileSync(localCluster?.['certificate-authority'] ?? '').toString('base64'),
    adminToken: local.users[0]?.user.token ?? '',
  };
  for (const name of ['remote-a', 'remote-b']) {
    await fx.resources.apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
      { fieldManager: 'test' },
    );
  }
  await account('remote', 'remote-a');
  await account('impersonated');
  remoteToken = await serviceAccountToken('remote');
  repo = new GitWorkTree(await fx.sandbox.createGitRepository('ks-remote'));
  await repo.commit({ 'a/one.yaml': cm('remote-a', 'one'), 'b/two.yaml': cm('remote-b', 'two') });
  await applySourceRepository();
});

afterAll(async () => {
  repo?.remove();
  await fx?.stop();
});

describe('Kustomization on a cluster from a kubeconfig Secret', () => {
  it('applies through the kubeconfig identity (key value.yaml)', async () => {
    await kubeconfigSecret('remote-sa', { 'value.yaml': kubeconfig({ token: remoteToken }) });
    await applyKs('remote', { path: './a', kubeConfig: { secretRef: { name: 'remote-sa' } } });
    const ks = await waitForObject<Ks>(fx.resources, ksRef('remote'), (o) => ready(o)?.status === 'True');
    expect(ks.status?.inventory?.entries.map((e) => e.id)).toEqual(['remote-a_one__ConfigMap']);
    expect(await fx.resources.get(cmRef('remote-a', 'one'))).toBeDefined();
  });

  it('is limited to what the kubeconfig identity may do', async () => {
    await applyKs('remote-forbidden', { path: './b', kubeConfig: { secretRef: { name: 'remote-sa' } } });
    const condition = await failed('remote-forbidden');
    expect(condition.reason).toBe('ReconciliationFailed');
    expect(condition.message).toContain(
      'User "system:serviceaccount:default:remote" cannot patch resource "configmaps"',
    );
  });

  it('impersonates spec.serviceAccountName on the remote cluster', async () => {
    await kubeconfigSecret('remote-admin', { custom: kubeconfig({ token: cluster.adminToken }) });
    await applyKs('remote-as-sa', {
      path: './a',
      serviceAccountName: 'impersonated',
      kubeConfig: { secretRef: { name: 'remote-admin', key: 'custom' } },
    });
    const condition = await failed('remote-as-sa');
    expect(condition.message).toMatch(
      /^ConfigMap\/remote-a\/one dry-run failed \(Forbidden\): .*User "system:serviceaccount:default:impersonated" cannot patch/,
    );
  });

  it('verifies TLS even when the kubeconfig says insecure-skip-tls-verify', async () => {
    const insecure = JSON.parse(kubeconfig({ token: cluster.adminToken })) as {
      clusters: { cluster: Record<string, unknown> }[];
    };
    const remote = insecure.clusters[0]?.cluster ?? {};
    delete remote['certificate-authority-data'];
    remote['insecure-skip-tls-verify'] = true;
    await kubeconfigSecret('remote-insecure', { value: JSON.stringify(insecure) });
    await applyKs('remote-insecure', { path: './a', kubeConfig: { secretRef: { name: 'remote-insecure' } } });
    const condition = await failed('remote-insecure');
    expect(condition.reason).toBe('ReconciliationFailed');
    expect(condition.message).toMatch(/^ConfigMap\/remote-a\/one dry-run failed: .*certificate/);
  });

  it('refuses an exec kubeconfig without running its command', async () => {
    const marker = join(fx.sandbox.dir, 'exec-ran');
    await kubeconfigSecret('remote-exec', {
      value: kubeconfig({
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: '/usr/bin/touch',
          args: [marker],
        },
      }),
    });
    await applyKs('remote-exec', { path: './a', kubeConfig: { secretRef: { name: 'remote-exec' } } });
    const condition = await failed('remote-exec');
    expect(condition).toEqual({
      reason: 'ReconciliationFailed',
      message:
        "KubeConfig secret 'default/remote-exec': user 'remote-user' uses an exec credential plugin ('exec'), which is not allowed in a kubeconfig from a Secret",
      status: 'False',
      type: 'Ready',
      observedGeneration: 1,
      lastTransitionTime: expect.any(String),
    });
    expect(existsSync(marker)).toBe(false);
    const events = await fx.resources.list<Event>('v1', 'Event', { namespace: 'default' });
    expect(
      events.items.find((e) => e.involvedObject.name === 'remote-exec' && e.type === 'Warning')?.message,
    ).toBe(`failed to build kube client: ${condition.message}`);
  });

  it('reports a missing Secret or key with Flux messages', async () => {
    await applyKs('remote-missing', { path: './a', kubeConfig: { secretRef: { name: 'nope' } } });
    expect(await failed('remote-missing')).toMatchObject({
      reason: 'ReconciliationFailed',
      message: `unable to read KubeConfig secret 'default/nope' error: secrets "nope" not found`,
    });
    await kubeconfigSecret('remote-nokey', { other: 'x' });
    await applyKs('remote-nokey', { path: './a', kubeConfig: { secretRef: { name: 'remote-nokey' } } });
    expect((await failed('remote-nokey')).message).toBe(
      "KubeConfig secret 'default/remote-nokey' does not contain a 'value' key with a kubeconfig",
    );
  });

  it('re-reconciles when a watched kubeconfig Secret changes', async () => {
    await fx.resources.apply(
      {
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: {
          name: 'remote-nokey',
          namespace: 'default',
          labels: { 'reconcile.fluxcd.io/watch': 'Enabled' },
        },
        data: { value: Buffer.from(kubeconfig({ token: remoteToken })).toString('base64') },
      } as KubeObject,
      { fieldManager: 'test' },
    );
    // The failed Kustomization would otherwise wait for its 10m retryInterval.
    await waitForObject<Ks>(fx.resources, ksRef('remote-nokey'), (o) => ready(o)?.status === 'True', 20_000);
  });

  it('caches one client per kubeconfig content and impersonated user', async () => {
    const targets = new TargetClusters(fx.resources);
    const ks = (serviceAccountName?: string) => ({
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name: 'probe', namespace: 'default' },
      spec: { serviceAccountName, kubeConfig: { secretRef: { name: 'remote-cache' } } },
    });
    await kubeconfigSecret('remote-cache', { value: kubeconfig({ token: remoteToken }) });
    const first = await targets.resourcesFor(ks());
    expect(await targets.resourcesFor(ks())).toBe(first);
    const impersonating = await targets.resourcesFor(ks('impersonated'));
    expect(impersonating).not.toBe(first);
    expect(await targets.resourcesFor(ks('impersonated'))).toBe(impersonating);
    await kubeconfigSecret('remote-cache', { value: kubeconfig({ token: cluster.adminToken }) });
    expect(await targets.resourcesFor(ks())).not.toBe(first);
  });

  it('never writes a token into a status or an event', async () => {
    const events = await fx.resources.list<Event>('v1', 'Event', { namespace: 'default' });
    const kustomizations = await fx.resources.list('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', {
      namespace: 'default',
    });
    const written = JSON.stringify([
      events.items.map((e) => e.message),
      kustomizations.items.map((k) => (k as Ks).status),
    ]);
    expect(written).not.toContain(remoteToken);
    expect(written).not.toContain(cluster.adminToken);
  });
});
