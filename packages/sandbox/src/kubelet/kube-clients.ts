import {
  CoordinationV1Api,
  CoreV1Api,
  KubeConfig,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';

/** The API clients the kubelet's shells talk through. */
export interface KubeClients {
  kubeConfig: KubeConfig;
  core: CoreV1Api;
  coordination: CoordinationV1Api;
}

/** Request options that send a patch as a JSON merge patch. */
export type PatchOptions = ReturnType<typeof setHeaderOptions>;

/** Clients for the cluster in the kubeconfig at `kubeconfigPath`. */
export function createKubeClients(kubeconfigPath: string): KubeClients {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromFile(kubeconfigPath);
  return {
    kubeConfig,
    core: kubeConfig.makeApiClient(CoreV1Api),
    coordination: kubeConfig.makeApiClient(CoordinationV1Api),
  };
}

/** Options for a JSON merge patch (`application/merge-patch+json`). */
export function mergePatch(): PatchOptions {
  return setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
}
