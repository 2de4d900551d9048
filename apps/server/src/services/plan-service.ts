import type { KustomizationPlanDto } from '../api/dto.js';
import { DiffUnavailableError, type ObjectKey } from './types.js';

/** The engine's `planKustomization`, when this server runs one. */
export type KustomizationPlanner = (
  namespace: string,
  name: string,
  signal: AbortSignal,
) => Promise<KustomizationPlanDto>;

/** A plan runs kustomize and a dry-run per object: at most this long, this many at once. */
export const PLAN_LIMITS = { timeoutMs: 60_000, concurrent: 2 } as const;

/**
 * Desired vs live for the detail page: the engine's plan, bounded in time and in how many run
 * at once (each one builds), with every reason it cannot run said in words.
 */
export function createPlanService(
  planner: KustomizationPlanner | undefined,
): (key: ObjectKey) => Promise<KustomizationPlanDto> {
  let running = 0;
  return async (key) => {
    if (key.kind !== 'Kustomization') throw new DiffUnavailableError(`a ${key.kind} has no apply to compare`);
    if (!planner)
      throw new DiffUnavailableError(
        "this server only observes the cluster (--observe): the diff needs Tideline's engine to build the source",
      );
    if (running >= PLAN_LIMITS.concurrent)
      throw new DiffUnavailableError(
        `${PLAN_LIMITS.concurrent} diffs are already being computed; try again in a moment`,
      );
    running++;
    try {
      return await planner(key.namespace, key.name, AbortSignal.timeout(PLAN_LIMITS.timeoutMs));
    } catch (error) {
      // Build and dry-run failures carry Flux's words (already redacted of Secret values).
      throw new DiffUnavailableError(error instanceof Error ? error.message : String(error));
    } finally {
      running--;
    }
  };
}
