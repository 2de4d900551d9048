import type { ExpectedObject } from './drill-content.js';

/** An object in the cluster, as much of it as the invariants read. */
export interface LiveObject extends ExpectedObject {
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** A Kustomization or HelmRelease: its name and the inventory ids in its status. */
export interface InventoryOwner {
  namespace: string;
  name: string;
  inventory: string[];
}

/** One Helm release revision in Helm's storage (a `sh.helm.release.v1.*` Secret's labels). */
export interface StoredRelease {
  namespace: string;
  release: string;
  version: number;
  status: string;
}

/** What the drill reads back from the cluster once the engine has converged. */
export interface ClusterSnapshot {
  objects: LiveObject[];
  kustomizations: InventoryOwner[];
  helmReleases: InventoryOwner[];
  helmStorage: StoredRelease[];
}

/** What the drill's Git content and HelmReleases say must exist. */
export interface Expectation {
  /** Kustomization `namespace/name` → the objects it must have applied. */
  kustomizations: Map<string, ExpectedObject[]>;
  /** HelmReleases `namespace/name`; each is released under its own name in its namespace. */
  helmReleases: string[];
}

/** The drill's verdict: every list empty means nothing was lost, left behind or doubled. */
export interface Findings {
  /** Objects with Flux's owner labels that no inventory (or release) lists. */
  orphans: string[];
  /** Objects the Git content says must exist and that are not in the cluster. */
  wrongPrunes: string[];
  /** Objects an owner applied that the content no longer has, still in the cluster. */
  unpruned: string[];
  /** Inventories that differ from what the content says. */
  inventoryMismatches: string[];
  /** Duplicate, missing, stuck (`pending-*`) or ownerless Helm releases. */
  helmReleases: string[];
}

const KS_NAME = 'kustomize.toolkit.fluxcd.io/name';
const KS_NAMESPACE = 'kustomize.toolkit.fluxcd.io/namespace';
const HR_NAME = 'helm.toolkit.fluxcd.io/name';
const HR_NAMESPACE = 'helm.toolkit.fluxcd.io/namespace';
const HELM_RELEASE_ANNOTATION = 'meta.helm.sh/release-name';
const HELM_RELEASE_NS_ANNOTATION = 'meta.helm.sh/release-namespace';

/** Flux's inventory id of an object: `<ns>_<name>_<group>_<kind>`. Pure. */
export function inventoryIdOf(o: ExpectedObject): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
  return `${o.namespace}_${o.name}_${group}_${o.kind}`;
}

/** Checks a converged cluster against the content: orphans, wrong prunes, stuck releases. Pure. */
export function checkInvariants(snapshot: ClusterSnapshot, expected: Expectation): Findings {
  const findings: Findings = {
    orphans: [],
    wrongPrunes: [],
    unpruned: [],
    inventoryMismatches: [],
    helmReleases: [],
  };
  const live = new Set(snapshot.objects.map(inventoryIdOf));
  const owners = (list: InventoryOwner[]): Map<string, Set<string>> =>
    new Map(list.map((o) => [`${o.namespace}/${o.name}`, new Set(o.inventory)]));
  const ks = owners(snapshot.kustomizations);
  const hr = owners(snapshot.helmReleases);
  for (const [key, objects] of expected.kustomizations) {
    const want = new Set(objects.map(inventoryIdOf));
    for (const id of want) if (!live.has(id)) findings.wrongPrunes.push(`${id} (Kustomization ${key})`);
    const inventory = ks.get(key);
    if (!inventory) findings.inventoryMismatches.push(`Kustomization ${key}: not found`);
    else if (inventory.size !== want.size || [...want].some((id) => !inventory.has(id)))
      findings.inventoryMismatches.push(`Kustomization ${key}: [${[...inventory].sort().join(', ')}]`);
  }
  for (const o of snapshot.objects) checkOwnership(o, { ks, hr, expected, findings });
  checkHelmStorage(snapshot.helmStorage, expected.helmReleases, findings);
  return findings;
}

function checkOwnership(
  o: LiveObject,
  ctx: {
    ks: Map<string, Set<string>>;
    hr: Map<string, Set<string>>;
    expected: Expectation;
    findings: Findings;
  },
): void {
  const id = inventoryIdOf(o);
  const ksName = o.labels[KS_NAME];
  if (ksName !== undefined) {
    const key = `${o.labels[KS_NAMESPACE] ?? ''}/${ksName}`;
    if (!ctx.ks.get(key)?.has(id)) ctx.findings.orphans.push(`${id} (labelled for Kustomization ${key})`);
    const wanted = ctx.expected.kustomizations.get(key)?.some((e) => inventoryIdOf(e) === id) ?? false;
    if (!wanted) ctx.findings.unpruned.push(`${id} (Kustomization ${key})`);
  }
  const hrName = o.labels[HR_NAME];
  if (hrName !== undefined) {
    const key = `${o.labels[HR_NAMESPACE] ?? ''}/${hrName}`;
    if (!ctx.hr.get(key)?.has(id)) ctx.findings.orphans.push(`${id} (labelled for HelmRelease ${key})`);
  }
  const release = o.annotations[HELM_RELEASE_ANNOTATION];
  if (release !== undefined) {
    const key = `${o.annotations[HELM_RELEASE_NS_ANNOTATION] ?? ''}/${release}`;
    if (!ctx.expected.helmReleases.includes(key))
      ctx.findings.orphans.push(`${id} (rendered by Helm release ${key}, which no HelmRelease owns)`);
  }
}

function checkHelmStorage(storage: StoredRelease[], releases: string[], findings: Findings): void {
  const byRelease = new Map<string, StoredRelease[]>();
  for (const s of storage) {
    const key = `${s.namespace}/${s.release}`;
    byRelease.set(key, [...(byRelease.get(key) ?? []), s]);
  }
  for (const key of releases) {
    const revisions = byRelease.get(key) ?? [];
    const deployed = revisions.filter((r) => r.status === 'deployed').length;
    if (deployed !== 1) findings.helmReleases.push(`${key}: ${deployed} deployed revisions`);
    for (const r of revisions.filter((r) => r.status.startsWith('pending-')))
      findings.helmReleases.push(`${key}: revision ${r.version} stuck in ${r.status}`);
  }
  for (const key of byRelease.keys())
    if (!releases.includes(key)) findings.helmReleases.push(`${key}: a release no HelmRelease owns`);
}

/** The number of findings of every kind. Pure. */
export function findingCount(f: Findings): number {
  return Object.values(f).reduce((n: number, list: string[]) => n + list.length, 0);
}
