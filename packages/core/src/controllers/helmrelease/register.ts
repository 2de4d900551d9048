import { join } from 'node:path';
import { HELM_API_VERSION, HelmReleaseKind } from '../../api/helmrelease-v2.js';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import { HelmCli } from '../../render/helm/helm-cli.js';
import { PostRenderServer } from '../../render/helm/post-render-server.js';
import { requestOf, type WatchSpec } from '../../runtime/manager.js';
import type { EngineOptions } from '../../engine-options.js';
import type { EngineServices, RegisterKind } from '../engine-services.js';
import { WATCH_CONFIGS_SELECTOR } from '../kustomization/register.js';
import { artifactChanged, becameReady } from '../watches.js';
import { ChartLoader } from './chart-loader.js';
import { HELM_CONTROLLER } from './crds.js';
import { HelmReleaseReconciler } from './reconciler.js';
import type { HelmReleaseReconcilerDeps } from './release-context.js';
import type { Hr } from './release-spec.js';
import { dependentReleases, releasesUsingConfig, releasesUsingSource } from './watches.js';

const shared = new WeakMap<EngineServices, HelmReleaseReconcilerDeps>();

/**
 * The HelmRelease reconciler's dependencies (one helm runner, post-render server and chart
 * cache per engine), shared with the planner so a plan renders exactly as a release would.
 * Undefined without a helm binary.
 */
export function helmReleaseDeps(
  services: EngineServices,
  options: EngineOptions,
): HelmReleaseReconcilerDeps | undefined {
  if (!options.helmBin) return undefined;
  const known = shared.get(services);
  if (known) return known;
  const { resources, reader, store, workDir, recorder } = services;
  const home = join(workDir, 'helm');
  const kustomize = {
    kubectlBin: options.kubectlBin,
    workDir,
    timeoutMs: 60_000,
    maxBytes: 64 * 1024 * 1024,
  };
  const postRender = PostRenderServer.start(home, options.curlBin ?? '/usr/bin/curl', kustomize);
  const deps: HelmReleaseReconcilerDeps = {
    resources,
    reader,
    events: recorder(HELM_CONTROLLER),
    helm: new HelmCli({ helmBin: options.helmBin, homeDir: home, postRender }),
    charts: new ChartLoader(join(home, 'charts'), (artifact) => store.fetchUrl(artifact)),
    kubeconfigPath: options.kubeconfigPath,
    ...options.helmRelease,
  };
  shared.set(services, deps);
  return deps;
}

/**
 * HelmRelease: its reconciler (helm through the pinned CLI, a post-render plugin served by the
 * engine), woken by a new artifact of its HelmChart or OCIRepository, by a labelled ConfigMap or
 * Secret it reads, and by a dependency turning Ready. Registered only when a helm binary is given.
 */
export const registerHelmRelease: RegisterKind = (manager, options) => {
  const deps = helmReleaseDeps(manager.services, options);
  if (!deps) return;
  const list = (): Hr[] => handle.informer.list();
  const sourceWatch = (kind: string): WatchSpec => ({
    apiVersion: SOURCE_API_VERSION,
    kind,
    onUpdate: (o, old) => (artifactChanged(o, old) ? releasesUsingSource(o, list()).map(requestOf) : []),
  });
  const configWatch = (kind: 'ConfigMap' | 'Secret'): WatchSpec => {
    const wake = (o: KubeObject) => releasesUsingConfig(kind, o, list()).map(requestOf);
    return {
      apiVersion: 'v1',
      kind,
      labelSelector: WATCH_CONFIGS_SELECTOR,
      onAdd: wake,
      onUpdate: wake,
      onDelete: wake,
    };
  };
  const handle = manager.add<Hr>({
    kind: HelmReleaseKind,
    concurrency: options.helmRelease?.concurrency,
    reconciler: new HelmReleaseReconciler(deps),
    watches: [
      sourceWatch('HelmChart'),
      sourceWatch('OCIRepository'),
      {
        apiVersion: HELM_API_VERSION,
        kind: 'HelmRelease',
        onUpdate: (o, old) => (becameReady(o, old) ? dependentReleases(o, list()).map(requestOf) : []),
      },
      configWatch('ConfigMap'),
      configWatch('Secret'),
    ],
  });
};
