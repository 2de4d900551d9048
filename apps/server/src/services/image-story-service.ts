import { buildDeliveryGraph, type KubeClient } from '@tideline/core';
import type { ImageStoryDto } from '../api/dto.js';
import {
  imageStoryDraft,
  podRunsImage,
  storyPod,
  storyPolicies,
  type PodView,
} from '../cache/image-story.js';
import { objectId } from '../cache/to-dto.js';
import type { CacheView } from './visibility.js';

/** Namespaces looked in per story, Pods read per namespace: a page view costs a few bounded lists. */
export const STORY_POD_LIMITS = { namespaces: 10, podsPerNamespace: 500, timeoutMs: 5_000 } as const;

interface PodList {
  items: PodView[];
  metadata?: { continue?: string };
}

/** The Pods in `namespaces` running `image`, capped by {@link STORY_POD_LIMITS}. */
async function podsRunning(
  client: KubeClient,
  image: string,
  namespaces: readonly string[],
): Promise<Pick<ImageStoryDto, 'pods' | 'podsTruncated'>> {
  const looked = namespaces.slice(0, STORY_POD_LIMITS.namespaces);
  const lists = await Promise.all(
    looked.map((ns) =>
      client.request<PodList>({
        method: 'GET',
        path: `/api/v1/namespaces/${encodeURIComponent(ns)}/pods`,
        query: { limit: STORY_POD_LIMITS.podsPerNamespace },
        timeoutMs: STORY_POD_LIMITS.timeoutMs,
      }),
    ),
  );
  return {
    pods: lists.flatMap((l) => l.items.filter((p) => podRunsImage(p, image)).map(storyPod)),
    podsTruncated: looked.length < namespaces.length || lists.some((l) => !!l.metadata?.continue),
  };
}

/**
 * The image automation stories an object's page tells (an ImagePolicy's own, an
 * ImageRepository's policies', an automation's policies'), with the Pods now running each
 * policy's latest image. Empty for other kinds.
 */
export async function imageStories(
  cache: Pick<CacheView, 'objects' | 'events'>,
  client: KubeClient,
  id: string,
): Promise<ImageStoryDto[]> {
  const all = cache.objects();
  const { edges } = buildDeliveryGraph(all);
  const byId = new Map(all.map((o) => [objectId(o.kind, o.metadata.namespace ?? '', o.metadata.name), o]));
  const world = { get: (key: string) => byId.get(key), edges, events: (key: string) => cache.events(key) };
  return Promise.all(
    storyPolicies(id, edges).map(async (policy) => {
      const draft = imageStoryDraft(policy, world);
      if (!draft.image || draft.podNamespaces.length === 0) return draft.story;
      return { ...draft.story, ...(await podsRunning(client, draft.image, draft.podNamespaces)) };
    }),
  );
}
