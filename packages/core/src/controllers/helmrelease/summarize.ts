import { HelmConditionType } from '../../api/helmrelease-v2.js';
import { ConditionType, type Condition } from '../../api/meta.js';
import { deleteCondition, getCondition, setCondition } from '../../runtime/conditions.js';
import { commonMetadataDigest, postRenderersDigest, testsEnabled, type Hr } from './release-spec.js';

/**
 * helm-controller's `summarize`: Ready copies the newest of Remediated, TestSuccess (when tests
 * are enabled and failures not ignored) and Released — by condition generation, then that
 * order — and a Remediated summary is always False. Ready=True clears Stalled. It also records
 * the post-renderer and common-metadata digests the release was made with. Mutates `hr`.
 */
export function summarize(hr: Hr): void {
  const test = hr.spec.test;
  const candidates: string[] =
    test?.enable && !test.ignoreFailures
      ? [HelmConditionType.Remediated, HelmConditionType.TestSuccess, HelmConditionType.Released]
      : [HelmConditionType.Remediated, HelmConditionType.Released];
  if (!testsEnabled(hr)) deleteCondition(hr, HelmConditionType.TestSuccess);
  const conditions = hr.status?.conditions ?? [];
  const present = conditions.filter((c) => candidates.includes(c.type));
  const first = pickSummary(present, candidates);
  if (first) {
    const status: Condition['status'] = first.type === HelmConditionType.Remediated ? 'False' : first.status;
    if (status === 'True') deleteCondition(hr, ConditionType.Stalled);
    setCondition(hr, ConditionType.Ready, status, first.reason, first.message);
  }
  const status = (hr.status ??= {});
  const pr = postRenderersDigest(hr);
  const cm = commonMetadataDigest(hr);
  if (pr) status.observedPostRenderersDigest = pr;
  else delete status.observedPostRenderersDigest;
  if (cm) status.observedCommonMetadataDigest = cm;
  else delete status.observedCommonMetadataDigest;
}

/**
 * The first condition after Flux's stable sort (`iGen >= jGen && iPos < jPos`), which keeps the
 * original order of conditions it cannot rank. Pure.
 */
function pickSummary(present: readonly Condition[], order: readonly string[]): Condition | undefined {
  const sorted = [...present];
  // Go's sort.SliceStable with that "less" is an insertion sort in effect for these few items.
  for (let i = 1; i < sorted.length; i++) {
    for (let j = i; j > 0; j--) {
      const a = sorted[j] as Condition;
      const b = sorted[j - 1] as Condition;
      const less =
        (a.observedGeneration ?? 0) >= (b.observedGeneration ?? 0) &&
        order.indexOf(a.type) < order.indexOf(b.type);
      if (!less) break;
      sorted[j] = b;
      sorted[j - 1] = a;
    }
  }
  return sorted[0];
}

/** The condition of a type, for callers that only read. */
export const conditionOf = (hr: Hr, type: string): Condition | undefined => getCondition(hr, type);
