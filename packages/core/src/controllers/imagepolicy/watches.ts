import type { KubeObject } from '../../kube/objects.js';

type Repo = KubeObject & { status?: { lastScanResult?: { revision?: string } } };
type Policy = KubeObject & { spec?: { imageRepositoryRef?: { name?: string; namespace?: string } } };

/** Flux's `imageRepositoryPredicate`: an update matters when the scan result's revision appeared or moved. Pure. */
export function scanResultChanged(obj: KubeObject, old: KubeObject): boolean {
  const now = (obj as Repo).status?.lastScanResult;
  if (!now) return false;
  const before = (old as Repo).status?.lastScanResult;
  return !before || before.revision !== now.revision;
}

/** The ImagePolicies whose `imageRepositoryRef` names `repo` (namespace defaulting to the policy's). Pure. */
export function policiesOf<T extends KubeObject>(repo: KubeObject, policies: readonly T[]): T[] {
  return policies.filter((p) => {
    const ref = (p as Policy).spec?.imageRepositoryRef;
    return (
      ref?.name === repo.metadata.name && (ref.namespace || p.metadata.namespace) === repo.metadata.namespace
    );
  });
}
