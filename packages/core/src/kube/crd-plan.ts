import { CRD_OWNER, CRD_OWNER_LABEL } from '../api/crd.js';

/** A CustomResourceDefinition, as far as installing one needs. */
export interface CrdManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; resourceVersion?: string };
  spec: { versions: { name: string; served: boolean; storage: boolean }[]; [field: string]: unknown };
}

/** What to do with one CRD at engine start. */
export type CrdPlan =
  | { action: 'create'; crd: CrdManifest }
  | { action: 'update'; crd: CrdManifest }
  | { action: 'keep'; owner: string; missingVersions: string[] };

/**
 * Decides how to install a CRD without ever narrowing one already there. Absent: create ours.
 * Installed by someone else (Flux's carry `app.kubernetes.io/part-of: flux`): keep it as it is,
 * whatever its versions, and say which of ours it does not serve. Ours: write our versions and
 * keep, served and unstored, every version it has that we do not (a newer Tideline may have
 * added one, and a stored version can never be dropped). Pure.
 */
export function planCrd(desired: CrdManifest, existing: CrdManifest | undefined): CrdPlan {
  if (!existing) return { action: 'create', crd: desired };
  const owner = existing.metadata.labels?.[CRD_OWNER_LABEL];
  if (owner !== CRD_OWNER) {
    const served = new Set(existing.spec.versions.filter((v) => v.served).map((v) => v.name));
    return {
      action: 'keep',
      owner: owner ?? 'another installer',
      missingVersions: desired.spec.versions.map((v) => v.name).filter((name) => !served.has(name)),
    };
  }
  const ours = new Set(desired.spec.versions.map((v) => v.name));
  const extra = existing.spec.versions
    .filter((v) => !ours.has(v.name))
    .map((v) => ({ ...v, served: true, storage: false }));
  return {
    action: 'update',
    crd: { ...desired, spec: { ...desired.spec, versions: [...desired.spec.versions, ...extra] } },
  };
}
