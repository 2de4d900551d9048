import { describe, expect, it } from 'vitest';
import type { KustomizationPlanDto } from '../api/dto.js';
import { createPlanService, PLAN_LIMITS, type KustomizationPlanner } from './plan-service.js';
import { DiffUnavailableError, type ObjectKey } from './types.js';

// The engine's planner itself is tested against the sandbox (core's kustomization.plan.test.ts);
// here, what the service adds: which objects, observe mode, the concurrency cap, the time cap
// and the words of a failure.
const KS: ObjectKey = { kind: 'Kustomization', namespace: 'flux-system', name: 'apps' };
const PLAN: KustomizationPlanDto = { revision: 'main@sha1:a', objects: [], pruned: [], durationMs: 1 };
const HR: ObjectKey = { kind: 'HelmRelease', namespace: 'apps', name: 'podinfo' };

describe('createPlanService', () => {
  it.each([
    [
      'another kind',
      createPlanService(async () => PLAN),
      { ...KS, kind: 'GitRepository' as const },
      /no apply to compare/,
    ],
    ['observe mode', createPlanService(undefined), KS, /only observes the cluster/],
    [
      'a HelmRelease in observe mode',
      createPlanService(undefined, undefined),
      HR,
      /only observes the cluster \(--observe\): the diff needs Tideline's engine to render the chart/,
    ],
    [
      "a build failure, in Flux's words",
      createPlanService(async () => {
        throw new Error("kustomize build failed: accumulating resources: 'missing.yaml'");
      }),
      KS,
      /^kustomize build failed: accumulating resources/,
    ],
  ])('%s → DiffUnavailableError', async (_name, plan, key, message) => {
    const failure = plan(key);
    await expect(failure).rejects.toThrow(DiffUnavailableError);
    await expect(failure).rejects.toThrow(message);
  });

  it("sends a HelmRelease to the engine's release planner and marks the answer", async () => {
    const release = { ...PLAN, revision: 'podinfo@6.2.2', valuesChanged: true, upgrade: [] };
    const seen: string[] = [];
    const plan = createPlanService(
      async () => PLAN,
      async (namespace, name) => {
        seen.push(`${namespace}/${name}`);
        return release;
      },
    );
    expect(await plan(HR)).toEqual({ kind: 'HelmRelease', ...release });
    expect(await plan(KS)).toBe(PLAN);
    expect(seen).toEqual(['apps/podinfo']);
  });

  it('passes the key and a time cap to the engine', async () => {
    const seen: [string, string, AbortSignal][] = [];
    const plan = createPlanService(async (namespace, name, signal) => {
      seen.push([namespace, name, signal]);
      return PLAN;
    });
    expect(await plan(KS)).toBe(PLAN);
    expect(seen[0]?.slice(0, 2)).toEqual(['flux-system', 'apps']);
    expect(seen[0]?.[2].aborted).toBe(false);
  });

  it(`runs at most ${PLAN_LIMITS.concurrent} at once and frees the slot after a failure`, async () => {
    const pending: (() => void)[] = [];
    let fail = false;
    const planner: KustomizationPlanner = () =>
      new Promise((resolve, reject) =>
        pending.push(() => (fail ? reject(new Error('boom')) : resolve(PLAN))),
      );
    const plan = createPlanService(planner);
    const running = Array.from({ length: PLAN_LIMITS.concurrent }, () => plan(KS));
    await expect(plan(KS)).rejects.toThrow(/already being computed/);
    fail = true;
    pending.splice(0).forEach((finish) => finish());
    await Promise.allSettled(running);
    fail = false;
    const next = plan(KS);
    pending.splice(0).forEach((finish) => finish());
    expect(await next).toBe(PLAN);
  });
});
