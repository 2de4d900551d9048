import type { CliColumn, FluxObjectView } from './kind-definition.js';

/** Readers and `flux get` columns shared by registry entries. Pure. */

/** `status.artifact.revision`, or ''. */
export function artifactRevision(obj: FluxObjectView): string {
  const artifact = obj.status?.artifact as { revision?: unknown } | undefined;
  return typeof artifact?.revision === 'string' ? artifact.revision : '';
}

/** `status.lastAppliedRevision`, or ''. */
export function lastAppliedRevision(obj: FluxObjectView): string {
  const revision = obj.status?.lastAppliedRevision;
  return typeof revision === 'string' ? revision : '';
}

/** A string field of `status`, or ''. */
export function statusString(obj: FluxObjectView, field: string): string {
  const value = obj.status?.[field];
  return typeof value === 'string' ? value : '';
}

/** SUSPENDED: `True`/`False` from `spec.suspend`. */
export const SUSPENDED_COLUMN: CliColumn = {
  header: 'SUSPENDED',
  cell: (obj) => (obj.spec?.suspend === true ? 'True' : 'False'),
};

/** REVISION from a reader, hex runs shortened unless `truncateHex` is false (HelmChart). */
export function revisionColumn(read: (obj: FluxObjectView) => string, truncateHex = true): CliColumn {
  return { header: 'REVISION', cell: read, truncateHex };
}
