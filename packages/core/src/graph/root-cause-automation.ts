import type { GraphEdge, GraphInput } from './model.js';

/** The image automation that pushed the commit an object is at. */
export interface AutomationLink {
  /** The ImageUpdateAutomation's `<Kind>/<namespace>/<name>`. */
  id: string;
  kind: string;
  namespace: string;
  name: string;
  /** `status.lastPushCommit`. */
  commit: string;
  /** `status.lastPushTime`, when set. */
  pushedAt?: string;
  /** The GitRepository it pushed to. */
  source: string;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Revisions an object is at: its artifact's, its last applied and attempted ones. */
function revisionsOf(obj: GraphInput | undefined): string[] {
  const status = obj?.status ?? {};
  const artifact = status.artifact as { revision?: unknown } | undefined;
  return [str(artifact?.revision), str(status.lastAppliedRevision), str(status.lastAttemptedRevision)].filter(
    Boolean,
  );
}

/** GitRepositories an object reads from: itself, or its sources up to two hops (a HelmRelease's chart's). */
function gitSourcesOf(targetId: string, edges: readonly GraphEdge[]): string[] {
  if (targetId.startsWith('GitRepository/')) return [targetId];
  const found: string[] = [];
  let frontier = [targetId];
  for (let hop = 0; hop < 2; hop++) {
    frontier = edges.filter((e) => e.type === 'source' && frontier.includes(e.to)).map((e) => e.from);
    found.push(...frontier.filter((id) => id.startsWith('GitRepository/')));
  }
  return found;
}

/**
 * The ImageUpdateAutomation that last changed an object: one that pushes to the object's Git
 * source and whose `status.lastPushCommit` is the revision that source — or the object itself —
 * is at (`main@sha1:<commit>`). The latest push wins. Pure.
 */
export function lastChangedBy(
  targetId: string,
  objects: ReadonlyMap<string, GraphInput>,
  edges: readonly GraphEdge[],
): AutomationLink | undefined {
  let best: AutomationLink | undefined;
  const target = objects.get(targetId);
  for (const repo of gitSourcesOf(targetId, edges)) {
    const revisions = [...revisionsOf(objects.get(repo)), ...revisionsOf(target)];
    for (const edge of edges) {
      if (edge.type !== 'pushes' || edge.to !== repo) continue;
      const automation = objects.get(edge.from);
      const commit = str(automation?.status?.lastPushCommit);
      if (!automation || commit.length < 7 || !revisions.some((r) => r.endsWith(commit))) continue;
      const pushedAt = str(automation.status?.lastPushTime) || undefined;
      if (best && (best.pushedAt ?? '') >= (pushedAt ?? '')) continue;
      best = {
        id: edge.from,
        kind: automation.kind,
        namespace: automation.metadata.namespace ?? '',
        name: automation.metadata.name,
        commit,
        pushedAt,
        source: repo,
      };
    }
  }
  return best;
}
