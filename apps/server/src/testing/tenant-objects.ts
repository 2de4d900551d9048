import type { KubeObject } from '@tideline/core';

/**
 * A tenant as Flux's multi-tenancy documents it: its namespace and a ServiceAccount `deployer`
 * bound to the built-in `admin` ClusterRole there, which its Kustomizations and HelmReleases name.
 */
export function tenantObjects(namespace: string): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'deployer', namespace } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'deployer-admin', namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'admin' },
      subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace }],
    } as KubeObject,
  ];
}

const MANIFESTS = {
  deployment: (ns: string, name: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: ${name}}\n  template:\n    metadata:\n      labels: {app: ${name}}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.25\n`,
  service: (ns: string, name: string) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n  namespace: ${ns}\nspec:\n  selector: {app: ${name}}\n  ports:\n    - port: 80\n`,
  configmap: (ns: string, name: string) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: ${ns}\ndata:\n  a: b\n`,
};

/** A repository's files: `app/<kind>.yaml` for each kind, every object named `name`. */
export function tenantApp(
  namespace: string,
  name: string,
  kinds: readonly (keyof typeof MANIFESTS)[] = ['deployment', 'service', 'configmap'],
): Record<string, string> {
  return Object.fromEntries(kinds.map((k) => [`app/${k}.yaml`, MANIFESTS[k](namespace, name)]));
}

/** A GitRepository and a Kustomization (path `./app`, wait) in the tenant's namespace. */
export function tenantGitOps(
  namespace: string,
  name: string,
  url: string,
  serviceAccountName?: string,
): KubeObject[] {
  const metadata = { name, namespace };
  return [
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'GitRepository',
      metadata,
      spec: { url, interval: '10m', ref: { branch: 'main' } },
    },
    {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata,
      spec: {
        interval: '10m',
        prune: true,
        wait: true,
        timeout: '2m',
        path: './app',
        sourceRef: { kind: 'GitRepository', name },
        ...(serviceAccountName ? { serviceAccountName } : {}),
      },
    },
  ];
}

/** A HelmRepository on `chartUrl` and a HelmRelease `name` of podinfo 6.2.1 in the tenant's namespace. */
export function tenantHelmRelease(
  namespace: string,
  chartUrl: string,
  name: string,
  serviceAccountName?: string,
): KubeObject[] {
  return [
    {
      apiVersion: 'source.toolkit.fluxcd.io/v1',
      kind: 'HelmRepository',
      metadata: { name: 'charts', namespace },
      spec: { url: chartUrl, interval: '10m' },
    },
    {
      apiVersion: 'helm.toolkit.fluxcd.io/v2',
      kind: 'HelmRelease',
      metadata: { name, namespace },
      spec: {
        interval: '10m',
        ...(serviceAccountName ? { serviceAccountName } : {}),
        chart: {
          spec: { chart: 'podinfo', version: '6.2.1', sourceRef: { kind: 'HelmRepository', name: 'charts' } },
        },
      },
    },
  ];
}

/** An ImageRepository of `image` (a loopback registry: `insecure`) and a semver ImagePolicy on it. */
export function tenantImagePolicy(namespace: string, image: string): KubeObject[] {
  const metadata = { name: 'app', namespace };
  return [
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImageRepository',
      metadata,
      spec: { image, interval: '10m', insecure: true },
    },
    {
      apiVersion: 'image.toolkit.fluxcd.io/v1',
      kind: 'ImagePolicy',
      metadata,
      spec: { imageRepositoryRef: { name: 'app' }, policy: { semver: { range: '>=1.0.0' } } },
    },
  ];
}
