import { readImageRef } from '../../api/image-group.js';
import { selectorMatches, type LabelSelector } from '../../api/label-selector.js';
import type { KubeObject } from '../../kube/objects.js';

type Automation = KubeObject & {
  spec?: {
    sourceRef?: { name?: string; namespace?: string };
    policySelector?: LabelSelector;
    git?: { checkout?: { ref?: GitRef }; push?: { branch?: string } };
  };
  status?: { lastPushCommit?: string };
};
type GitRef = { branch?: string; tag?: string; semver?: string; name?: string; commit?: string };
type Repo = KubeObject & { spec?: { url?: string; ref?: GitRef } };
type Policy = KubeObject & { status?: { latestRef?: unknown } };

/** Flux's `latestImageChangePredicate`: a policy's `latestRef` appeared or moved. Pure. */
export function latestRefChanged(obj: KubeObject, old: KubeObject): boolean {
  const now = readImageRef((obj as Policy).status?.latestRef);
  if (!now) return false;
  const before = readImageRef((old as Policy).status?.latestRef);
  return !before || JSON.stringify(before) !== JSON.stringify(now);
}

/** The automations that select `policy` (same namespace, matching selector). Pure. */
export function automationsSelecting<T extends KubeObject>(
  policy: KubeObject,
  automations: readonly T[],
): T[] {
  return automations.filter(
    (a) =>
      a.metadata.namespace === policy.metadata.namespace &&
      selectorMatches((a as Automation).spec?.policySelector, policy.metadata.labels),
  );
}

/** The automations whose `sourceRef` names `repo` (namespace defaulting to the automation's). Pure. */
export function automationsOf<T extends KubeObject>(repo: KubeObject, automations: readonly T[]): T[] {
  return automations.filter((a) => {
    const ref = (a as Automation).spec?.sourceRef;
    return (
      ref?.name === repo.metadata.name && (ref.namespace || a.metadata.namespace) === repo.metadata.namespace
    );
  });
}

/** A branch-following ref's branch (Flux's default `master`), or undefined for tag/semver/commit/name refs. */
function followedBranch(ref: GitRef | undefined): string | undefined {
  if (ref?.tag || ref?.semver || ref?.commit || ref?.name) return undefined;
  return ref?.branch || 'master';
}

const sameUrl = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.replace(/\/+$/, '').replace(/\.git$/, '') === b.replace(/\/+$/, '').replace(/\.git$/, '');

/**
 * Tideline's event-driven loop (Flux waits for the GitRepository's interval): when an automation
 * records a new push, the GitRepositories that follow the pushed branch of the same remote are
 * reconciled at once. Pure.
 */
export function repositoriesTrackingPush<T extends KubeObject>(
  automation: KubeObject,
  old: KubeObject,
  repos: readonly T[],
): T[] {
  const auto = automation as Automation;
  const pushed = auto.status?.lastPushCommit;
  if (!pushed || pushed === (old as Automation).status?.lastPushCommit) return [];
  const ref = auto.spec?.sourceRef;
  const namespace = ref?.namespace || automation.metadata.namespace;
  const source = repos.find((r) => r.metadata.name === ref?.name && r.metadata.namespace === namespace) as
    Repo | undefined;
  if (!source) return [];
  const checkout = auto.spec?.git?.checkout?.ref ?? source.spec?.ref;
  const branch = auto.spec?.git?.push?.branch ?? checkout?.branch;
  if (!branch) return [];
  return repos.filter(
    (r) =>
      sameUrl((r as Repo).spec?.url, source.spec?.url) && followedBranch((r as Repo).spec?.ref) === branch,
  );
}
