import type { HelmReleasePlanDto, KustomizationPlanDto, PlanDto } from '../api/dto.js';
import { DiffUnavailableError, type ObjectKey } from './types.js';

/** The engine's `planKustomization`, when this server runs one. */
export type KustomizationPlanner = (
  namespace: string,
  name: string,
  signal: AbortSignal,
) => Promise<KustomizationPlanDto>;

/** The engine's `planHelmRelease`, when this server runs one. */
export type HelmReleasePlanner = (
  namespace: string,
  name: string,
  signal: AbortSignal,
) => Promise<Omit<HelmReleasePlanDto, 'kind'>>;

/** A plan runs kustomize (or helm) and a dry-run per object: at most this long, this many at once. */
export const PLAN_LIMITS = { timeoutMs: 60_000, concurrent: 2 } as const;

/**
 * Desired vs live for the detail page: the engine's plan of a Kustomization (its source built)
 * or a HelmRelease (its chart rendered), bounded in time and in how many run at once (each one
 * builds), with every reason it cannot run said in words.
 */
export function createPlanService(
  planner: KustomizationPlanner | undefined,
  releasePlanner?: HelmReleasePlanner,
): (key: ObjectKey) => Promise<PlanDto> {
  let running = 0;
  const run = async (key: ObjectKey, signal: AbortSignal): Promise<PlanDto> => {
    if (key.kind === 'HelmRelease' && releasePlanner)
      return { kind: 'HelmRelease', ...(await releasePlanner(key.namespace, key.name, signal)) };
    if (key.kind === 'Kustomization' && planner) return planner(key.namespace, key.name, signal);
    throw new DiffUnavailableError(
      `this server only observes the cluster (--observe): the diff needs Tideline's engine to ${key.kind === 'HelmRelease' ? 'render the chart' : 'build the source'}`,
    );
  };
  return async (key) => {
    if (key.kind !== 'Kustomization' && key.kind !== 'HelmRelease')
      throw new DiffUnavailableError(`a ${key.kind} has no apply to compare`);
    if (running >= PLAN_LIMITS.concurrent)
      throw new DiffUnavailableError(
        `${PLAN_LIMITS.concurrent} diffs are already being computed; try again in a moment`,
      );
    running++;
    try {
      return await run(key, AbortSignal.timeout(PLAN_LIMITS.timeoutMs));
    } catch (error) {
      if (error instanceof DiffUnavailableError) throw error;
      // Build, render and dry-run failures carry Flux's words (already redacted of Secret values).
      throw new DiffUnavailableError(error instanceof Error ? error.message : String(error));
    } finally {
      running--;
    }
  };
}
