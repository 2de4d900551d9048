import type { V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushImageManifest } from '../registry/index.js';
import { waitFor } from '../wait.js';
import type { Kubelet } from './index.js';
import { isGone, singleContainerPod, startTestCluster, type TestCluster } from './test-cluster.js';
import { toMillis } from './timestamps.js';

// Integration: a real control plane (etcd, kube-apiserver, controller-manager, scheduler
// v1.20.2), a real registry (CNCF distribution) and the simulated kubelet, two nodes.

const NS = 'kubelet-it';
let cluster: TestCluster;
let kubelet: Kubelet;
let pushedDigest: string;

beforeAll(async () => {
  cluster = await startTestCluster(NS);
  pushedDigest = (await pushImageManifest({ host: cluster.registry.host, repository: 'team/app', tag: 'v1' }))
    .digest;
  kubelet = await cluster.startKubelet();
});

afterAll(async () => {
  await cluster?.stop();
});

function readPod(name: string): Promise<V1Pod> {
  return cluster.core.readNamespacedPod({ name, namespace: NS });
}

describe('simulated kubelet', () => {
  it('registers Ready, untainted Nodes with fresh Leases', async () => {
    expect(kubelet.nodeNames).toEqual(['tideline-sandbox-node-0', 'tideline-sandbox-node-1']);
    const nodes = await waitFor(
      async () => {
        const list = await cluster.core.listNode();
        const ready = list.items.filter((n) =>
          n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
        );
        const untainted = ready.filter((n) => (n.spec?.taints ?? []).length === 0);
        return untainted.length === 2 ? untainted : undefined;
      },
      { timeoutMs: 30_000, what: 'two Ready, untainted nodes' },
    );
    for (const node of nodes) {
      expect(node.metadata?.labels).toMatchObject({
        'kubernetes.io/os': 'linux',
        'node.kubernetes.io/instance-type': 'tideline-sim',
      });
      expect(node.status?.allocatable).toMatchObject({ cpu: '32', memory: '256Gi', pods: '250' });
      expect(node.status?.nodeInfo?.kubeletVersion).toBe('v1.20.2');
      const lease = await cluster.coordination.readNamespacedLease({
        name: node.metadata?.name ?? '',
        namespace: 'kube-node-lease',
      });
      expect(lease.spec?.holderIdentity).toBe(node.metadata?.name);
      // client-node leaves MicroTime fields as strings, whatever its typings say.
      expect(Date.now() - (toMillis(lease.spec?.renewTime) ?? 0)).toBeLessThan(15_000);
    }
  });

  it('makes a Deployment Available', async () => {
    const started = Date.now();
    await cluster.apps.createNamespacedDeployment({
      namespace: NS,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: {
              initContainers: [{ name: 'init', image: 'busybox:1.36' }],
              containers: [
                { name: 'nginx', image: 'nginx:1.25' },
                { name: 'own', image: `${cluster.registry.host}/team/app:v1` },
              ],
            },
          },
        },
      },
    });
    await waitFor(
      async () =>
        (await cluster.apps.readNamespacedDeployment({ name: 'web', namespace: NS })).status
          ?.availableReplicas === 2,
      {
        timeoutMs: 60_000,
        what: 'Deployment web to have 2 available replicas',
      },
    );
    console.log(`Deployment (2 replicas) Available after ${Date.now() - started} ms`);
    const pods = (await cluster.core.listNamespacedPod({ namespace: NS, labelSelector: 'app=web' })).items;
    expect(pods).toHaveLength(2);
    const ips = pods.map((p) => p.status?.podIP ?? '');
    expect(new Set(ips).size).toBe(2);
    for (const pod of pods) {
      expect(pod.status?.phase).toBe('Running');
      expect(pod.status?.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
      expect(pod.status?.hostIP).toBe('127.0.0.1');
      expect(pod.status?.initContainerStatuses?.[0]?.state?.terminated?.reason).toBe('Completed');
      const own = pod.status?.containerStatuses?.find((s) => s.name === 'own');
      expect(own?.imageID).toBe(`docker-pullable://${cluster.registry.host}/team/app:v1@${pushedDigest}`);
      expect(own?.state?.running?.startedAt).toBeInstanceOf(Date);
    }
    await cluster.core.createNamespacedService({
      namespace: NS,
      body: {
        metadata: { name: 'web' },
        spec: { selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] },
      },
    });
    const endpoints = await waitFor(
      async () => {
        const ep = await cluster.core.readNamespacedEndpoints({ name: 'web', namespace: NS });
        return (ep.subsets?.[0]?.addresses ?? []).length === 2 ? ep : undefined;
      },
      { timeoutMs: 30_000, what: 'Endpoints of Service web with both Pods' },
    );
    expect(endpoints.subsets?.[0]?.addresses?.map((a) => a.ip).sort()).toEqual([...ips].sort());
  });

  it('completes a Job', async () => {
    const started = Date.now();
    await cluster.batch.createNamespacedJob({
      namespace: NS,
      body: {
        metadata: { name: 'migrate' },
        spec: {
          backoffLimit: 0,
          template: {
            spec: { restartPolicy: 'Never', containers: [{ name: 'migrate', image: 'busybox:1.36' }] },
          },
        },
      },
    });
    await waitFor(
      async () =>
        (await cluster.batch.readNamespacedJob({ name: 'migrate', namespace: NS })).status?.succeeded === 1,
      {
        timeoutMs: 60_000,
        what: 'Job migrate to succeed',
      },
    );
    console.log(`Job succeeded after ${Date.now() - started} ms`);
    const [pod] = (await cluster.core.listNamespacedPod({ namespace: NS, labelSelector: 'job-name=migrate' }))
      .items;
    expect(pod?.status?.phase).toBe('Succeeded');
    expect(pod?.status?.containerStatuses?.[0]?.state?.terminated).toMatchObject({
      exitCode: 0,
      reason: 'Completed',
    });
  });

  it('gives LoadBalancer Services distinct ingress IPs', async () => {
    for (const name of ['lb-a', 'lb-b']) {
      await cluster.core.createNamespacedService({
        namespace: NS,
        body: {
          metadata: { name },
          spec: { type: 'LoadBalancer', selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP' }] },
        },
      });
    }
    const ips = await waitFor(
      async () => {
        const found = await Promise.all(
          ['lb-a', 'lb-b'].map(
            async (name) =>
              (await cluster.core.readNamespacedService({ name, namespace: NS })).status?.loadBalancer
                ?.ingress?.[0]?.ip,
          ),
        );
        return found.every((ip) => ip !== undefined) ? (found as string[]) : undefined;
      },
      { timeoutMs: 30_000, what: 'ingress IPs for lb-a and lb-b' },
    );
    for (const ip of ips) expect(ip).toMatch(/^172\.18\.255\.\d+$/);
    expect(new Set(ips).size).toBe(2);
  });

  it('binds a PersistentVolumeClaim to a volume it provisions', async () => {
    const started = Date.now();
    await cluster.core.createNamespacedPersistentVolumeClaim({
      namespace: NS,
      body: {
        metadata: { name: 'data' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
      },
    });
    const claim = await waitFor(
      async () => {
        const c = await cluster.core.readNamespacedPersistentVolumeClaim({ name: 'data', namespace: NS });
        return c.status?.phase === 'Bound' ? c : undefined;
      },
      { timeoutMs: 60_000, what: 'claim data to be Bound' },
    );
    console.log(`PVC Bound after ${Date.now() - started} ms`);
    expect(claim.spec?.volumeName).toBe(`pvc-${claim.metadata?.uid ?? ''}`);
    expect(claim.status?.capacity?.storage).toBe('2Gi');
    const volume = await cluster.core.readPersistentVolume({ name: claim.spec?.volumeName ?? '' });
    expect(volume.spec?.hostPath?.path).toBe(`/tmp/tideline-pv/${volume.metadata?.name ?? ''}`);
    expect(volume.status?.phase).toBe('Bound');
    // A Pod using the claim is scheduled and runs.
    await cluster.core.createNamespacedPod({
      namespace: NS,
      body: {
        metadata: { name: 'uses-data' },
        spec: {
          containers: [
            { name: 'app', image: 'busybox:1.36', volumeMounts: [{ name: 'data', mountPath: '/data' }] },
          ],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
        },
      },
    });
    await waitFor(async () => (await readPod('uses-data')).status?.phase === 'Running', {
      timeoutMs: 30_000,
      what: 'Pod uses-data Running',
    });
    // Deleting the claim (after its Pod) releases the volume, which the kubelet then deletes.
    await cluster.core.deleteNamespacedPod({ name: 'uses-data', namespace: NS });
    await cluster.core.deleteNamespacedPersistentVolumeClaim({ name: 'data', namespace: NS });
    const name = volume.metadata?.name ?? '';
    await waitFor(() => isGone(() => cluster.core.readPersistentVolume({ name })), {
      timeoutMs: 60_000,
      what: 'the released volume to be deleted',
    });
  });

  it('leaves a Pod whose image is missing from the registry in ImagePullBackOff', async () => {
    const image = `${cluster.registry.host}/team/app:does-not-exist`;
    await cluster.core.createNamespacedPod({ namespace: NS, body: singleContainerPod('bad-tag', image) });
    const pod = await waitFor(
      async () => {
        const p = await readPod('bad-tag');
        return p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff'
          ? p
          : undefined;
      },
      { timeoutMs: 30_000, what: 'Pod bad-tag in ImagePullBackOff' },
    );
    expect(pod.status?.phase).toBe('Pending');
    const status = pod.status?.containerStatuses?.[0];
    expect(status).toMatchObject({ ready: false, restartCount: 0 });
    expect(status?.state?.waiting?.message).toBe(`Back-off pulling image "${image}"`);
    const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(pod.status?.conditions?.find((c) => c.type === 'ContainersReady')).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
    });

    // Pushing the missing tag fixes the Pod at the next pull retry (every 10 s).
    const { digest } = await pushImageManifest({
      host: cluster.registry.host,
      repository: 'team/app',
      tag: 'does-not-exist',
    });
    const started = Date.now();
    const fixed = await waitFor(
      async () => {
        const p = await readPod('bad-tag');
        return p.status?.phase === 'Running' ? p : undefined;
      },
      { timeoutMs: 30_000, what: 'Pod bad-tag Running once its image exists' },
    );
    console.log(`ImagePullBackOff Pod Running ${Date.now() - started} ms after the push`);
    expect(fixed.status?.containerStatuses?.[0]?.imageID).toBe(`docker-pullable://${image}@${digest}`);
  });

  it('runs a StatefulSet whose Pods claim volumes', async () => {
    const started = Date.now();
    await cluster.apps.createNamespacedStatefulSet({
      namespace: NS,
      body: {
        metadata: { name: 'db' },
        spec: {
          serviceName: 'db',
          replicas: 2,
          selector: { matchLabels: { app: 'db' } },
          template: {
            metadata: { labels: { app: 'db' } },
            spec: {
              containers: [
                {
                  name: 'db',
                  image: 'postgres:16',
                  volumeMounts: [{ name: 'data', mountPath: '/var/lib/postgresql' }],
                },
              ],
            },
          },
          volumeClaimTemplates: [
            {
              metadata: { name: 'data' },
              spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
            },
          ],
        },
      },
    });
    await waitFor(
      async () =>
        (await cluster.apps.readNamespacedStatefulSet({ name: 'db', namespace: NS })).status
          ?.readyReplicas === 2,
      {
        timeoutMs: 60_000,
        what: 'StatefulSet db to have 2 ready replicas',
      },
    );
    console.log(`StatefulSet (2 replicas, 2 claims) ready after ${Date.now() - started} ms`);
    const claims = (
      await cluster.core.listNamespacedPersistentVolumeClaim({ namespace: NS, labelSelector: 'app=db' })
    ).items;
    expect(claims.map((c) => c.status?.phase)).toEqual(['Bound', 'Bound']);
  });
});
