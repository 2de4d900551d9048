import type { KubeObject } from '../kube/objects.js';

type WithArtifact = KubeObject & { status?: { artifact?: { revision?: string; digest?: string } } };

/** Whether an update changed a source's artifact (revision or digest, including appearing). Pure. */
export function artifactChanged(obj: KubeObject, old: KubeObject | undefined): boolean {
  const now = (obj as WithArtifact).status?.artifact;
  const before = (old as WithArtifact | undefined)?.status?.artifact;
  return now?.revision !== before?.revision || now?.digest !== before?.digest;
}

/**
 * The objects whose `spec.sourceRef` names `source` (kind, name, and namespace defaulting to the
 * object's own): the consumers to wake when it stores a new artifact. Pure.
 */
export function consumersOf<T extends KubeObject>(source: KubeObject, all: readonly T[]): T[] {
  return all.filter((obj) => {
    const ref = (obj as { spec?: { sourceRef?: { kind?: string; name?: string; namespace?: string } } }).spec
      ?.sourceRef;
    return (
      ref?.kind === source.kind &&
      ref.name === source.metadata.name &&
      (ref.namespace || obj.metadata.namespace) === source.metadata.namespace
    );
  });
}

/** Whether an object turned Ready=True with this update (for waking dependents). Pure. */
export function becameReady(obj: KubeObject, old: KubeObject | undefined): boolean {
  const ready = (o: KubeObject | undefined): boolean =>
    (
      o as { status?: { conditions?: { type: string; status: string }[] } } | undefined
    )?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  const applied = (o: KubeObject | undefined): string | undefined =>
    (o as { status?: { lastAppliedRevision?: string } } | undefined)?.status?.lastAppliedRevision;
  return ready(obj) && (!ready(old) || applied(obj) !== applied(old));
}
