import { imageRefString, parseInventoryEntry, readImageRef } from '@tideline/core';
import type { EventDto, ImageStoryAutomationDto, ImageStoryDto } from '../api/dto.js';
import type { FluxResource } from './to-dto.js';

/** What the story reads: objects by id, the delivery graph's edges, an object's recent Events. */
export interface StoryWorld {
  get(id: string): FluxResource | undefined;
  edges: readonly { from: string; to: string }[];
  /** Newest first, as the watch cache keeps them. */
  events(id: string): readonly EventDto[];
}

/** A story before its pods are looked up, with the namespaces to look in. */
export interface StoryDraft {
  story: ImageStoryDto;
  /** `latest` as containers name it (`name:tag[@digest]`), or undefined when the policy chose none. */
  image?: string;
  /** Namespaces of the Deployments, StatefulSets and DaemonSets the appliers manage. */
  podNamespaces: string[];
}

const kindOf = (id: string): string => id.slice(0, id.indexOf('/'));
const statusField = (obj: FluxResource | undefined, field: string): unknown =>
  (obj?.status as Record<string, unknown> | undefined)?.[field];
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Pod']);

/** image-automation-controller's push Event: `pushed commit '<7 hex>' to branch '<b>'[ …]\n<message>`. */
const PUSHED = /^pushed commit '([0-9a-f]{7,40})' to branch '[^'\n]*'[^\n]*(?:\n([\s\S]*))?$/;

/**
 * The ImagePolicies whose story an object's page tells: the policy itself, a repository's
 * policies, or the policies an automation selects (from the delivery graph's edges). Pure.
 */
export function storyPolicies(id: string, edges: StoryWorld['edges']): string[] {
  const kind = kindOf(id);
  if (kind === 'ImagePolicy') return [id];
  const found =
    kind === 'ImageRepository'
      ? edges.filter((e) => e.from === id && kindOf(e.to) === 'ImagePolicy').map((e) => e.to)
      : kind === 'ImageUpdateAutomation'
        ? edges.filter((e) => e.to === id && kindOf(e.from) === 'ImagePolicy').map((e) => e.from)
        : [];
  return [...new Set(found)].sort();
}

/** The message of the commit `commit` from the automation's push Events, when one names it. Pure. */
export function pushedCommitMessage(
  events: readonly EventDto[],
  commit: string | undefined,
): string | undefined {
  if (!commit) return undefined;
  for (const event of events) {
    const match = PUSHED.exec(event.message);
    if (match && commit.startsWith(match[1] ?? '')) return match[2]?.trim() || undefined;
  }
  return undefined;
}

/** Where a GitRepository's artifact stands relative to a push. Pure. */
export function sourceContainsPush(
  artifact: { revision?: string; lastUpdateTime?: string } | undefined,
  push: { commit?: string; time?: string },
): NonNullable<ImageStoryAutomationDto['source']>['containsPush'] {
  if (!artifact?.revision || !push.commit) return 'unknown';
  const sha = /sha1:([0-9a-f]+)$/.exec(artifact.revision)?.[1] ?? artifact.revision;
  if (sha === push.commit) return 'pushed';
  const stored = Date.parse(artifact.lastUpdateTime ?? '');
  const pushed = Date.parse(push.time ?? '');
  if (Number.isNaN(stored) || Number.isNaN(pushed)) return 'unknown';
  // A later artifact is a descendant of the push unless someone force-pushed over it; Flux
  // records no ancestry, so "later" is what the dashboard can honestly say.
  return stored >= pushed ? 'later' : 'older';
}

interface AutomationView {
  status?: { lastPushCommit?: string; lastPushTime?: string };
}
interface ArtifactStatus {
  artifact?: { revision?: string; lastUpdateTime?: string };
}

function automationStep(id: string, world: StoryWorld): ImageStoryAutomationDto {
  const status = (world.get(id) as AutomationView | undefined)?.status ?? {};
  const push = { commit: status.lastPushCommit, time: status.lastPushTime };
  const sourceId = world.edges.find((e) => e.from === id && kindOf(e.to) === 'GitRepository')?.to;
  const artifact = sourceId
    ? (world.get(sourceId)?.status as ArtifactStatus | undefined)?.artifact
    : undefined;
  const appliedBy = sourceId
    ? world.edges
        .filter((e) => e.from === sourceId && kindOf(e.to) === 'Kustomization')
        .map((e) => e.to)
        .sort()
        .map((k) => {
          const lastAppliedRevision = world.get(k)?.status?.lastAppliedRevision;
          return {
            id: k,
            lastAppliedRevision,
            current: !!artifact?.revision && lastAppliedRevision === artifact.revision,
          };
        })
    : [];
  return {
    id,
    lastPushCommit: push.commit,
    lastPushTime: push.time,
    commitMessage: pushedCommitMessage(world.events(id), push.commit),
    source: sourceId
      ? { id: sourceId, revision: artifact?.revision, containsPush: sourceContainsPush(artifact, push) }
      : undefined,
    appliedBy,
  };
}

/** Namespaces holding workloads in these Kustomizations' inventories (unparsable entries skipped). Pure. */
export function workloadNamespaces(appliers: readonly (FluxResource | undefined)[]): string[] {
  const namespaces = new Set<string>();
  for (const applier of appliers)
    for (const entry of applier?.status?.inventory?.entries ?? []) {
      try {
        const id = parseInventoryEntry(entry);
        if (id.namespace && WORKLOADS.has(id.kind)) namespaces.add(id.namespace);
      } catch {
        // An entry Flux could not have written names nothing to look at.
      }
    }
  return [...namespaces].sort();
}

/** The story of one ImagePolicy, from the watch cache; pods are looked up by the caller. Pure. */
export function imageStoryDraft(policyId: string, world: StoryWorld): StoryDraft {
  const policy = world.get(policyId);
  const latestRef = readImageRef(statusField(policy, 'latestRef'));
  const previousRef = readImageRef(statusField(policy, 'observedPreviousRef'));
  const repoId = world.edges.find((e) => e.to === policyId && kindOf(e.from) === 'ImageRepository')?.from;
  const scan = statusField(repoId ? world.get(repoId) : undefined, 'lastScanResult') as
    { scanTime?: string; tagCount?: number } | undefined;
  const automations = world.edges
    .filter((e) => e.from === policyId && kindOf(e.to) === 'ImageUpdateAutomation')
    .map((e) => e.to)
    .sort()
    .map((id) => automationStep(id, world));
  const appliers = automations.flatMap((a) => a.appliedBy.map((k) => world.get(k.id)));
  return {
    story: {
      policy: policyId,
      latest: latestRef && imageRefString(latestRef),
      previous: previousRef && imageRefString(previousRef),
      repository: repoId ? { id: repoId, lastScanTime: scan?.scanTime, tagCount: scan?.tagCount } : undefined,
      automations,
      pods: [],
      podsTruncated: false,
    },
    image: latestRef && imageRefString({ name: latestRef.name, tag: latestRef.tag }),
    podNamespaces: workloadNamespaces(appliers),
  };
}

/** A Pod as the story reads it. */
export interface PodView {
  metadata: { name: string; namespace?: string };
  spec?: { containers?: { image?: string }[]; initContainers?: { image?: string }[] };
  status?: { phase?: string; conditions?: { type: string; status: string }[] };
}

/** Whether a Pod's containers run `image` (`name:tag`, with or without a pinned digest). Pure. */
export function podRunsImage(pod: PodView, image: string): boolean {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  return containers.some((c) => c.image === image || !!c.image?.startsWith(`${image}@`));
}

/** The Pod as the story shows it. Pure. */
export function storyPod(pod: PodView): ImageStoryDto['pods'][number] {
  return {
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name,
    phase: pod.status?.phase ?? 'Unknown',
    ready: pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
  };
}
