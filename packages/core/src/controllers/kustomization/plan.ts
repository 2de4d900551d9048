import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { KUSTOMIZE_API_VERSION } from '../../api/kustomize-v1.js';
import { SOURCE_API_VERSION, type GitRepository } from '../../api/source-v1.js';
import { planApply, type PlannedObject } from '../../kube/dry-run-plan.js';
import { entryOf, staleEntries } from '../../kube/inventory.js';
import { parseInventoryEntry } from '../../api/inventory-id.js';
import { StatusPatcher, type FluxObject } from '../shared/flux-object.js';
import { KUSTOMIZE_MANAGER } from './apply-step.js';
import { fetchArtifact, resolveBuildPath } from './artifact-step.js';
import { ArtifactTrees } from './artifact-trees.js';
import { buildManifests } from './build-step.js';
import { sourceAccessDenied } from './source-access.js';
import type { Ks, KustomizationReconcilerDeps, RevisionContext } from './step-context.js';
import { TargetClusters } from './target-cluster.js';
import { kustomizationTimeout } from './timing.js';

/** What the next apply of a Kustomization would change, like `flux diff kustomization`. */
export interface KustomizationPlan {
  /** The source revision built. */
  revision: string;
  lastAppliedRevision?: string;
  /** Every built object (the unchanged ones counted, not listed with fields). */
  objects: PlannedObject[];
  /** Inventory entries the apply would prune (`spec.prune`), as `Kind/namespace/name`. */
  pruned: string[];
  durationMs: number;
}

/** Raised when there is nothing to compare yet (no source, no artifact, access denied). */
export class PlanUnavailableError extends Error {
  override name = 'PlanUnavailableError';
}

const subjectOf = (id: { kind: string; namespace: string; name: string }): string =>
  id.namespace ? `${id.kind}/${id.namespace}/${id.name}` : `${id.kind}/${id.name}`;

/**
 * Builds a Kustomization's current source artifact exactly as its reconcile would (same
 * artifact trees, decryption, substitution, identity and target cluster) and dry-runs the
 * result against the cluster. It writes nothing: no status, no events, no objects.
 */
export class KustomizationPlanner {
  private readonly trees: ArtifactTrees;
  private readonly targets: TargetClusters;

  constructor(private readonly deps: KustomizationReconcilerDeps) {
    this.trees = new ArtifactTrees(join(deps.workDir, 'plan-trees'));
    this.targets = new TargetClusters(deps.resources, deps.defaultServiceAccount);
  }

  /** The plan of `namespace/name`. */
  async plan(namespace: string, name: string, signal: AbortSignal): Promise<KustomizationPlan> {
    const started = performance.now();
    const reader = this.deps.reader ?? this.deps.resources;
    const obj = await reader.get<Ks>({
      apiVersion: KUSTOMIZE_API_VERSION,
      kind: 'Kustomization',
      namespace,
      name,
    });
    if (!obj) throw new PlanUnavailableError(`Kustomization ${namespace}/${name} not found`);
    const denied = sourceAccessDenied(obj, this.deps.noCrossNamespaceRefs ?? false);
    if (denied) throw new PlanUnavailableError(denied);
    const ref = obj.spec.sourceRef;
    const source = await reader.get<GitRepository & FluxObject>({
      apiVersion: SOURCE_API_VERSION,
      kind: ref.kind,
      namespace: ref.namespace ?? namespace,
      name: ref.name,
    });
    const artifact = source?.status?.artifact;
    if (!artifact) throw new PlanUnavailableError(`${ref.kind} '${ref.name}' has no artifact to build yet`);
    const ctx: RevisionContext = {
      obj,
      // Never patched: a plan leaves the object as it is.
      status: new StatusPatcher(this.deps.resources, obj, KUSTOMIZE_MANAGER),
      deps: this.deps,
      signal,
      revision: artifact.revision,
      timeoutMs: kustomizationTimeout(obj.spec),
    };
    const tree = await fetchArtifact(ctx, artifact, this.trees, () =>
      mkdtemp(join(this.deps.workDir, 'plan-')),
    );
    try {
      const dir = resolveBuildPath(tree.root, obj.spec.path ?? '');
      const { objects, redact } = await buildManifests(ctx, tree.root, dir);
      const target = await this.targets.resourcesFor(obj);
      const planned = await planApply(target, objects, { fieldManager: KUSTOMIZE_MANAGER });
      const oldEntries = obj.status?.inventory?.entries ?? [];
      const pruned = obj.spec.prune
        ? staleEntries(oldEntries, objects.map(entryOf)).map((e) => subjectOf(parseInventoryEntry(e)))
        : [];
      return {
        revision: artifact.revision,
        lastAppliedRevision: obj.status?.lastAppliedRevision,
        objects: planned.map((p) => (p.error ? { ...p, error: redact(p.error) } : p)),
        pruned,
        durationMs: Math.round(performance.now() - started),
      };
    } finally {
      await tree.done();
    }
  }
}
