import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AppsV1Api,
  BatchV1Api,
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  type V1Pod,
} from '@kubernetes/client-node';
import { startControlPlane, type ControlPlane } from '../control-plane/index.js';
import { ProcessSupervisor } from '../processes.js';
import { startRegistry, type Registry } from '../registry/index.js';
import { waitFor } from '../wait.js';
import { startKubelet, type Kubelet } from './index.js';

/** Real peers for the kubelet's integration tests: control plane, registry, API clients. */
export interface TestCluster {
  controlPlane: ControlPlane;
  registry: Registry;
  core: CoreV1Api;
  apps: AppsV1Api;
  batch: BatchV1Api;
  coordination: CoordinationV1Api;
  /** Timestamped kubelet log lines, printed at the end when KUBELET_TEST_LOG is set. */
  logs: string[];
  /** Starts a kubelet with two nodes, a 200 ms start delay and the image check on the registry. */
  startKubelet(): Promise<Kubelet>;
  /** Stops the kubelets it started, then every peer, and removes the temp dir. */
  stop(): Promise<void>;
}

/**
 * Starts a control plane and a registry in a temp dir and creates namespace `namespace` (waiting
 * for its default ServiceAccount, without which Pods are rejected). Test support, not product code.
 */
export async function startTestCluster(namespace: string): Promise<TestCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'tideline-kubelet-'));
  const supervisor = new ProcessSupervisor();
  const kubelets: Kubelet[] = [];
  const logs: string[] = [];
  const stop = async (): Promise<void> => {
    for (const kubelet of kubelets.splice(0)) await kubelet.stop();
    await supervisor.stopAll();
    rmSync(dir, { recursive: true, force: true });
    if (process.env.KUBELET_TEST_LOG) console.log(logs.join('\n'));
  };
  try {
    const controlPlane = await startControlPlane({ dataDir: join(dir, 'cluster'), supervisor });
    const registry = await startRegistry({
      dataDir: join(dir, 'registry'),
      supervisor,
      logFile: join(dir, 'registry.log'),
    });
    const kc = new KubeConfig();
    kc.loadFromFile(controlPlane.kubeconfigPath);
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await waitFor(
      async () => (await core.readNamespacedServiceAccount({ name: 'default', namespace })).metadata?.name,
      {
        timeoutMs: 30_000,
        what: `the default ServiceAccount of ${namespace}`,
      },
    );
    return {
      controlPlane,
      registry,
      core,
      apps: kc.makeApiClient(AppsV1Api),
      batch: kc.makeApiClient(BatchV1Api),
      coordination: kc.makeApiClient(CoordinationV1Api),
      logs,
      async startKubelet() {
        const kubelet = await startKubelet({
          kubeconfigPath: controlPlane.kubeconfigPath,
          nodes: 2,
          podStartDelayMs: 200,
          imageCheck: { registryHost: registry.host, insecure: true },
          logger: (line) => logs.push(`${new Date().toISOString()} ${line}`),
        });
        kubelets.push(kubelet);
        return kubelet;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A Pod with one container named `app`. */
export function singleContainerPod(name: string, image: string): V1Pod {
  return { metadata: { name }, spec: { containers: [{ name: 'app', image }] } };
}

/** Whether `read` fails with 404 (the object is gone). */
export async function isGone(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return false;
  } catch (error) {
    if ((error as { code?: number }).code === 404) return true;
    throw error;
  }
}
