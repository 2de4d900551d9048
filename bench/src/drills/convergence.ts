import type { KubeObject, Resources } from '@tideline/core';

type FluxObject = KubeObject & {
  status?: {
    observedGeneration?: number;
    lastAppliedRevision?: string;
    conditions?: { type: string; status: string; reason?: string }[];
  };
};

/** Between two reads of the progress: each is one list from the API server's watch cache. */
const POLL_MS = 250;

/** How far the engine is from the drill's target state. */
export interface Progress {
  kustomizationsDone: number;
  helmReleasesDone: number;
}

function isReady(o: FluxObject): boolean {
  return (
    o.status?.observedGeneration === o.metadata.generation &&
    (o.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True')
  );
}

/** Counts the Kustomizations applied at `revision` and the HelmReleases Ready at their generation. */
export async function readProgress(resources: Resources, revision: string): Promise<Progress> {
  // The watch cache answers (resourceVersion 0): polling hundreds of objects from etcd twice a
  // second would cost the API server more than the engine does.
  const ks = await resources.list<FluxObject>('kustomize.toolkit.fluxcd.io/v1', 'Kustomization', {
    resourceVersion: '0',
  });
  const hr = await resources.list<FluxObject>('helm.toolkit.fluxcd.io/v2', 'HelmRelease', {
    resourceVersion: '0',
  });
  return {
    kustomizationsDone: ks.items.filter((k) => isReady(k) && k.status?.lastAppliedRevision === revision)
      .length,
    helmReleasesDone: hr.items.filter(isReady).length,
  };
}

/**
 * Waits until `kustomizations` Kustomizations are applied at `revision` and `helmReleases`
 * HelmReleases are Ready at their generation; resolves with the time it took. Errors of the
 * API (an outage) are retried until the deadline.
 */
export async function waitForConvergence(
  resources: Resources,
  target: { revision: string; kustomizations: number; helmReleases: number },
  options: { timeoutMs: number; log?: (line: string) => void },
): Promise<number> {
  const started = Date.now();
  let last: Progress | undefined;
  let lastError = '';
  while (Date.now() - started < options.timeoutMs) {
    try {
      last = await readProgress(resources, target.revision);
      if (last.kustomizationsDone === target.kustomizations && last.helmReleasesDone === target.helmReleases)
        return Date.now() - started;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
  throw new Error(
    `not converged after ${options.timeoutMs} ms: ${JSON.stringify(last)} of ${JSON.stringify(target)} ${lastError}`,
  );
}
