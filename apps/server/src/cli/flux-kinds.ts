import { KUSTOMIZE_API_VERSION, SOURCE_API_VERSION } from '@tideline/core';

/** A kind the CLI can address, with how `flux` names and prints it. */
export interface CliKind {
  kind: 'GitRepository' | 'HelmRepository' | 'HelmChart' | 'OCIRepository' | 'Kustomization';
  apiVersion: string;
  /** Lower-case word used in messages (`kustomization`, `source git`). */
  noun: string;
  /** The REVISION column. */
  revision(obj: { status?: { artifact?: { revision?: string }; lastAppliedRevision?: string } }): string;
  /** The success line after a reconcile (`fetched revision …` / `applied revision …`). */
  successVerb: string;
}

export const GIT_REPOSITORY: CliKind = {
  kind: 'GitRepository',
  apiVersion: SOURCE_API_VERSION,
  noun: 'source git',
  revision: (o) => o.status?.artifact?.revision ?? '',
  successVerb: 'fetched revision',
};

export const HELM_REPOSITORY: CliKind = {
  kind: 'HelmRepository',
  apiVersion: SOURCE_API_VERSION,
  noun: 'source helm',
  revision: (o) => o.status?.artifact?.revision ?? '',
  successVerb: 'fetched revision',
};

export const OCI_REPOSITORY: CliKind = {
  kind: 'OCIRepository',
  apiVersion: SOURCE_API_VERSION,
  noun: 'source oci',
  revision: (o) => o.status?.artifact?.revision ?? '',
  successVerb: 'fetched revision',
};

export const HELM_CHART: CliKind = {
  kind: 'HelmChart',
  apiVersion: SOURCE_API_VERSION,
  noun: 'source chart',
  revision: (o) => o.status?.artifact?.revision ?? '',
  successVerb: 'fetched revision',
};

export const KUSTOMIZATION: CliKind = {
  kind: 'Kustomization',
  apiVersion: KUSTOMIZE_API_VERSION,
  noun: 'kustomization',
  revision: (o) => o.status?.lastAppliedRevision ?? '',
  successVerb: 'applied revision',
};

/** `flux get all` order (of the kinds Tideline serves so far). */
export const ALL_KINDS: readonly CliKind[] = [
  OCI_REPOSITORY,
  GIT_REPOSITORY,
  HELM_REPOSITORY,
  HELM_CHART,
  KUSTOMIZATION,
];

/** Parses the kind words of `get`/`suspend`/…: `kustomization(s)`/`ks`, `source git`, `source helm`, `source chart`, `source oci`. */
export function parseKindWords(words: readonly string[]): { kind: CliKind; rest: string[] } | undefined {
  const [first, second, ...rest] = words;
  if (first === 'kustomization' || first === 'kustomizations' || first === 'ks') {
    return { kind: KUSTOMIZATION, rest: second === undefined ? rest : [second, ...rest] };
  }
  if ((first === 'source' || first === 'sources') && second === 'git') return { kind: GIT_REPOSITORY, rest };
  if ((first === 'source' || first === 'sources') && second === 'helm')
    return { kind: HELM_REPOSITORY, rest };
  if ((first === 'source' || first === 'sources') && second === 'oci') return { kind: OCI_REPOSITORY, rest };
  if ((first === 'source' || first === 'sources') && second === 'chart') return { kind: HELM_CHART, rest };
  return undefined;
}
