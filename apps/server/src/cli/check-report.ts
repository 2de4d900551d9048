import { FLUX_KINDS, type FluxControllerSighting, type KindDefinition } from '@tideline/core';

/** One line of a check: `✔ <name>` or, failed, `✗ <name>`. */
export interface CheckEntry {
  name: string;
  failed?: boolean;
}

/** The oldest Kubernetes the engine runs on: the sandbox's v1.20 is what it is tested against. */
export const KUBERNETES_CONSTRAINT = '>=1.20.0-0';

/** The Lease the engines elect their leader with (core's coordination default). */
export const ENGINE_LEASE = 'tideline-engine-leader-election';

/** `major.minor.patch` of a `gitVersion` (`v1.20.2`, `v1.28.3-gke.100`), or undefined. Pure. */
export function parseKubeVersion(gitVersion: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(gitVersion.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/**
 * flux's Kubernetes prerequisite: `Kubernetes 1.20.2 >=1.20.0-0`, failed below the minimum
 * (a `-0` constraint admits pre-releases and vendor suffixes of the same version). Pure.
 */
export function kubernetesEntry(gitVersion: string, constraint = KUBERNETES_CONSTRAINT): CheckEntry {
  const have = parseKubeVersion(gitVersion);
  const want = parseKubeVersion(constraint.replace(/^>=/, ''));
  if (!have || !want) return { name: `error parsing kubernetes version: '${gitVersion}'`, failed: true };
  const cmp = have.findIndex((n, i) => n !== want[i]);
  const ok = cmp === -1 || (have[cmp] ?? 0) > (want[cmp] ?? 0);
  const version = have.join('.');
  return ok
    ? { name: `Kubernetes ${version} ${constraint}` }
    : { name: `Kubernetes version ${version} does not match ${constraint}`, failed: true };
}

/** A CRD as `check` reads it. */
export interface CrdView {
  metadata: { name: string };
  spec?: { versions?: { name: string; served?: boolean }[] };
  status?: { storedVersions?: string[] };
}

const crdName = (kind: KindDefinition): string => `${kind.plural}.${kind.group}`;

/**
 * flux's `<crd>/<last stored version>` (in the API's order: by name) per registered kind, followed by the versions it serves;
 * a missing CRD, or one that no longer serves a version Flux users write, fails. Pure.
 */
export function crdEntries(
  crds: readonly CrdView[],
  kinds: readonly KindDefinition[] = FLUX_KINDS,
): CheckEntry[] {
  const sorted = [...kinds].sort((a, b) => crdName(a).localeCompare(crdName(b)));
  return sorted.map((kind) => {
    const name = crdName(kind);
    const crd = crds.find((c) => c.metadata.name === name);
    if (!crd) return { name: `${name} not found (tideline start installs the CRDs)`, failed: true };
    const stored = crd.status?.storedVersions ?? [];
    if (stored.length === 0) return { name: `no stored versions for ${name}`, failed: true };
    const served = (crd.spec?.versions ?? []).filter((v) => v.served !== false).map((v) => v.name);
    const missing = kind.versions.map((v) => v.name).filter((v) => !served.includes(v));
    const line = `${name}/${stored.at(-1) ?? ''} (served: ${served.join(', ')})`;
    return missing.length > 0
      ? { name: `${line} does not serve ${missing.join(', ')}`, failed: true }
      : { name: line };
  });
}

/** The Lease fields `check` reads. */
export interface LeaseView {
  spec?: { holderIdentity?: string; renewTime?: string; leaseDurationSeconds?: number };
}

/**
 * The engine's line: who holds the leader Lease and whether it still renews it (within its
 * duration, plus one duration of grace for clock skew, as core's Flux detection judges a Lease);
 * when Flux's own controllers run there, the engine stands by, so each of theirs is a line instead. Pure.
 */
export function engineEntries(
  lease: LeaseView | undefined,
  flux: readonly FluxControllerSighting[],
  namespace: string,
  nowMs: number,
): CheckEntry[] {
  const entries: CheckEntry[] = flux.map((s) => ({
    name: `${s.controller}: ${s.evidence} (Flux reconciles)`,
  }));
  const holder = lease?.spec?.holderIdentity;
  if (!lease || !holder) {
    if (flux.length > 0) return entries;
    return [
      { name: `engine: no leader (Lease ${ENGINE_LEASE} not held in ${namespace} namespace)`, failed: true },
    ];
  }
  const renewed = Date.parse(lease.spec?.renewTime ?? '');
  const durationMs = (lease.spec?.leaseDurationSeconds ?? 15) * 1000;
  const ageMs = Number.isNaN(renewed) ? Infinity : Math.max(0, nowMs - renewed);
  if (ageMs > 2 * durationMs && flux.length === 0)
    return [{ name: `engine: leader ${holder} stopped renewing its Lease ${ENGINE_LEASE}`, failed: true }];
  const role = flux.length > 0 ? 'standing by' : 'leader';
  return [...entries, { name: `engine: ${role} ${holder}` }];
}

/** One entry per controller of the registry (`source-controller: GitRepository, …`), run by the engine. Pure. */
export function controllerEntries(kinds: readonly KindDefinition[] = FLUX_KINDS): CheckEntry[] {
  const byController = new Map<string, string[]>();
  for (const kind of kinds)
    byController.set(kind.controller, [...(byController.get(kind.controller) ?? []), kind.kind]);
  return [...byController].map(([controller, names]) => ({ name: `${controller}: ${names.join(', ')}` }));
}
