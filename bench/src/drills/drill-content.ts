import { appFiles } from '../scenarios/mttp-repo.js';

/** One object the drill's Git content (or a HelmRelease) must have in the cluster. */
export interface ExpectedObject {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The kinds the drill's apps are made of: the objects the invariants scan for. */
export const APP_KINDS = [
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'ServiceAccount' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
] as const;

/**
 * Which ConfigMap app `i` has at generation `g`: a fifth of the apps renames it at each new
 * generation, so every commit makes the engine prune an object and create another. Pure.
 */
export function configVersion(i: number, generation: number): number {
  return Math.floor((generation + (i % 5)) / 5);
}

/** The files of app `i` at `generation`: the MTTP app shape plus a rotating ConfigMap. Pure. */
export function drillAppFiles(i: number, generation: number): Record<string, string> {
  const name = `app-${i}`;
  const files = Object.fromEntries(Object.entries(appFiles(i)).filter(([path]) => path.startsWith('apps/')));
  files[`apps/${name}/kustomization.yaml`] =
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n  - serviceaccount.yaml\n  - service.yaml\n  - ingress.yaml\n  - config.yaml\n';
  files[`apps/${name}/config.yaml`] =
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}-v${configVersion(i, generation)}\n  namespace: apps\ndata:\n  generation: "${generation}"\n`;
  return files;
}

/** Every file of the repository at `generation` for apps `0 … count-1`. Pure. */
export function drillRepoFiles(count: number, generation: number): Record<string, string> {
  return Object.assign({}, ...Array.from({ length: count }, (_, i) => drillAppFiles(i, generation)));
}

/** The objects Kustomization `app-i` must have applied at `generation`. Pure. */
export function expectedAppObjects(i: number, generation: number): ExpectedObject[] {
  const name = `app-${i}`;
  return [
    { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'apps', name },
    { apiVersion: 'v1', kind: 'ServiceAccount', namespace: 'apps', name },
    { apiVersion: 'v1', kind: 'Service', namespace: 'apps', name },
    { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', namespace: 'apps', name },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: 'apps',
      name: `${name}-v${configVersion(i, generation)}`,
    },
  ];
}

/** The Kustomization of app `i` (the MTTP shape: prune on, from the `drill` GitRepository). Pure. */
export function drillKustomization(i: number): Record<string, unknown> {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name: `app-${i}`, namespace: 'flux-system' },
    spec: {
      interval: '1h',
      prune: true,
      path: `./apps/app-${i}`,
      sourceRef: { kind: 'GitRepository', name: 'drill' },
    },
  };
}

/**
 * HelmRelease `hr-j` of podinfo at `generation`: the MTTP app shape as values, and a message
 * that changes for half of the releases at each generation, so each one is an upgrade. Pure.
 */
export function drillHelmRelease(j: number, generation: number): Record<string, unknown> {
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name: `hr-${j}`, namespace: 'apps' },
    spec: {
      interval: '1h',
      chart: {
        spec: {
          chart: 'podinfo',
          version: '6.2.x',
          sourceRef: { kind: 'HelmRepository', name: 'podinfo', namespace: 'flux-system' },
        },
      },
      values: {
        replicaCount: 0,
        serviceAccount: { enabled: true },
        ingress: { enabled: true, className: 'nginx' },
        ui: { message: helmMessage(j, generation) },
      },
    },
  };
}

/** The podinfo UI message of release `j` at `generation`. Pure. */
export function helmMessage(j: number, generation: number): string {
  return `drill-${Math.floor((generation + (j % 2)) / 2)}`;
}
