import { PatchStrategy, setHeaderOptions, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../wait.js';
import type { Kubelet } from './index.js';
import { isGone, singleContainerPod, startTestCluster, type TestCluster } from './test-cluster.js';

// Integration: the simulated kubelet across restarts, namespace deletion and stop, against a
// real control plane (v1.20.2).

const NS = 'kubelet-lifecycle';
let cluster: TestCluster;
let kubelet: Kubelet | undefined;

beforeAll(async () => {
  cluster = await startTestCluster(NS);
  kubelet = await cluster.startKubelet();
});

afterAll(async () => {
  await cluster?.stop();
});

function readPod(name: string, namespace = NS): Promise<V1Pod> {
  return cluster.core.readNamespacedPod({ name, namespace });
}

describe('simulated kubelet lifecycle', () => {
  it('on restart, revives Nodes a stopped run left NotReady and tainted, and runs Pods bound meanwhile', async () => {
    const { core } = cluster;
    await kubelet?.stop();
    kubelet = undefined;
    // What the node lifecycle controller does to Nodes that went silent (after ~40 s), done at
    // once. Taints first: the controller rewrites the whole taint list from its cache when it
    // reacts to the status change, so the other order could drop the extra taint.
    const stale = 'tideline-sandbox-node-0';
    const mergePatch = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    const taints = [
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' },
      { key: 'example.com/dedicated', value: 'x', effect: 'PreferNoSchedule' },
    ];
    await core.patchNode({ name: stale, body: { spec: { taints } } }, mergePatch);
    const unknown = {
      type: 'Ready',
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      lastHeartbeatTime: new Date(),
      lastTransitionTime: new Date(),
    };
    await core.patchNodeStatus({ name: stale, body: { status: { conditions: [unknown] } } }, mergePatch);
    await core.createNamespacedPod({
      namespace: NS,
      body: singleContainerPod('while-stopped', 'nginx:1.25'),
    });
    await waitFor(async () => (await readPod('while-stopped')).spec?.nodeName, {
      timeoutMs: 30_000,
      what: 'Pod while-stopped to be scheduled',
    });
    expect((await readPod('while-stopped')).status?.phase).toBe('Pending');

    const started = Date.now();
    kubelet = await cluster.startKubelet();
    const node = await core.readNode({ name: stale });
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    const taintKeys = async (): Promise<string> =>
      ((await core.readNode({ name: stale })).spec?.taints ?? [])
        .map((t) => `${t.key}=${t.value ?? ''}:${t.effect}`)
        .join(',');
    await waitFor(async () => (await taintKeys()) === 'example.com/dedicated=x:PreferNoSchedule', {
      timeoutMs: 30_000,
      what: 'only the lifecycle taints to be removed',
    });
    await waitFor(async () => (await readPod('while-stopped')).status?.phase === 'Running', {
      timeoutMs: 30_000,
      what: 'Pod while-stopped Running',
    });
    console.log(`restart: node revived and pending Pod Running after ${Date.now() - started} ms`);
    expect((await core.listNode()).items.map((n) => n.metadata?.name).sort()).toEqual([
      'tideline-sandbox-node-0',
      'tideline-sandbox-node-1',
    ]);
  });

  it('lets a namespace with running Pods be deleted', async () => {
    const { core, apps } = cluster;
    await apps.createNamespacedDeployment({
      namespace: NS,
      body: {
        metadata: { name: 'web' },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'web' } },
          template: {
            metadata: { labels: { app: 'web' } },
            spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
          },
        },
      },
    });
    await waitFor(
      async () =>
        (await apps.readNamespacedDeployment({ name: 'web', namespace: NS })).status?.availableReplicas === 3,
      { timeoutMs: 60_000, what: 'Deployment web to have 3 available replicas' },
    );
    const started = Date.now();
    await core.deleteNamespace({ name: NS });
    await waitFor(() => isGone(() => core.readNamespace({ name: NS })), {
      timeoutMs: 60_000,
      intervalMs: 500,
      what: `namespace ${NS} to be gone`,
    });
    console.log(`namespace with 4 running Pods deleted after ${Date.now() - started} ms`);
  });

  it('stops without leaving timers or sockets behind', async () => {
    await kubelet?.stop();
    kubelet = undefined;
    const handles = (): number =>
      process
        .getActiveResourcesInfo()
        .filter((kind) => kind === 'Timeout' || kind === 'TCPSocketWrap' || kind === 'TLSWrap').length;
    // Idle keep-alive sockets of earlier requests close on their own; wait until nothing changes.
    const settled = async (): Promise<number> => {
      let previous = handles();
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 1500));
        const now = handles();
        if (now === previous) return now;
        previous = now;
      }
    };
    const baseline = await settled();
    kubelet = await cluster.startKubelet();
    expect(handles()).toBeGreaterThan(baseline);
    await kubelet.stop();
    kubelet = undefined;
    expect(await settled()).toBeLessThanOrEqual(baseline);
  });
});
