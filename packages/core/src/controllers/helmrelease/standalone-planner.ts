import { join } from 'node:path';
import type { Resources } from '../../kube/resources.js';
import { HelmCli } from '../../render/helm/helm-cli.js';
import { PostRenderServer } from '../../render/helm/post-render-server.js';
import { ChartLoader } from './chart-loader.js';
import { HelmReleasePlanner, type HelmReleasePlan } from './plan.js';

/** What a planner outside the engine (the CLI's `diff helmrelease`) runs with. */
export interface StandalonePlannerOptions {
  resources: Resources;
  helmBin: string;
  /** For `postRenderers[].kustomize`. */
  kubectlBin: string;
  curlBin?: string;
  /** A private, short folder (the post-render socket lives in it). */
  workDir: string;
  /** The kubeconfig file helm connects with (the caller's). */
  kubeconfigPath?: string;
}

/** A HelmRelease planner with its own helm homes and post-render server; `stop` ends the server. */
export interface StandalonePlanner {
  plan(namespace: string, name: string, signal: AbortSignal): Promise<HelmReleasePlan>;
  stop(): Promise<void>;
}

/**
 * The engine's HelmRelease plan, for a process that runs no engine: charts are fetched from
 * the URL their source's artifact publishes (the engine's artifact server, as Flux's CLI reads
 * source-controller's), rendered by the given helm, post-rendered as the engine does.
 */
export function createStandalonePlanner(options: StandalonePlannerOptions): StandalonePlanner {
  const home = join(options.workDir, 'helm');
  const postRender = PostRenderServer.start(home, options.curlBin ?? '/usr/bin/curl', {
    kubectlBin: options.kubectlBin,
    workDir: options.workDir,
    timeoutMs: 60_000,
    maxBytes: 64 * 1024 * 1024,
  });
  const planner = new HelmReleasePlanner({
    resources: options.resources,
    helm: new HelmCli({ helmBin: options.helmBin, homeDir: home, postRender }),
    charts: new ChartLoader(join(home, 'charts'), (artifact) => artifact.url),
    kubeconfigPath: options.kubeconfigPath,
  });
  return {
    plan: (namespace, name, signal) => planner.plan(namespace, name, signal),
    stop: async () => (await postRender).stop(),
  };
}
