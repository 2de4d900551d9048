import type { FluxObjectSummary, ImageStoryDto } from '@tideline/server';

/** Whether a step of the story has happened for the latest image. */
export type StepState = 'done' | 'waiting' | 'none';

/** One line of the story: what, about which object, with an optional time. */
export interface StoryStep {
  key: string;
  title: string;
  /** The object the step is about (a link), when there is one. */
  objectId?: string;
  text: string;
  /** A longer text (a commit message) shown as preformatted text. */
  detail?: string;
  at?: string;
  state: StepState;
}

const short = (sha: string): string => sha.slice(0, 7);

const SOURCE_WORDS: Record<
  NonNullable<ImageStoryDto['automations'][number]['source']>['containsPush'],
  string
> = {
  pushed: 'the pushed commit',
  later: 'a commit stored after the push',
  older: 'not yet: its artifact predates the push',
  unknown: 'not known to contain the push',
};

function automationSteps(a: ImageStoryDto['automations'][number]): StoryStep[] {
  const steps: StoryStep[] = [
    {
      key: `push:${a.id}`,
      title: 'Pushed',
      objectId: a.id,
      text: a.lastPushCommit ? `commit ${short(a.lastPushCommit)}` : 'nothing pushed yet',
      detail: a.commitMessage,
      at: a.lastPushTime,
      state: a.lastPushCommit ? 'done' : 'none',
    },
  ];
  if (a.source)
    steps.push({
      key: `source:${a.id}:${a.source.id}`,
      title: 'Source',
      objectId: a.source.id,
      text: a.source.revision
        ? `at ${a.source.revision}, ${SOURCE_WORDS[a.source.containsPush]}`
        : 'no artifact yet',
      state: a.source.containsPush === 'pushed' || a.source.containsPush === 'later' ? 'done' : 'waiting',
    });
  for (const k of a.appliedBy)
    steps.push({
      key: `apply:${a.id}:${k.id}`,
      title: 'Applied',
      objectId: k.id,
      text: k.current
        ? `applied ${k.lastAppliedRevision ?? ''}`.trim()
        : `not the source's artifact yet (last applied ${k.lastAppliedRevision ?? 'nothing'})`,
      state: k.current ? 'done' : 'waiting',
    });
  return steps;
}

/**
 * The story as ordered steps, from the registry scan to the Pods running the image: what each
 * object did, and whether it has caught up with the latest image. Pure.
 */
export function storySteps(story: ImageStoryDto): StoryStep[] {
  const repo = story.repository;
  const pods = story.pods.length;
  const ready = story.pods.filter((p) => p.ready).length;
  return [
    {
      key: 'scan',
      title: 'Scanned',
      objectId: repo?.id,
      text: !repo
        ? 'no ImageRepository feeds this policy'
        : repo.lastScanTime
          ? `${repo.tagCount ?? 0} tags`
          : 'not scanned yet',
      at: repo?.lastScanTime,
      state: repo?.lastScanTime ? 'done' : 'none',
    },
    {
      key: 'policy',
      title: 'Selected',
      objectId: story.policy,
      text: story.latest
        ? `${story.latest}${story.previous ? ` (was ${story.previous})` : ''}`
        : 'no tag selected yet',
      state: story.latest ? 'done' : 'none',
    },
    ...story.automations.flatMap(automationSteps),
    {
      key: 'pods',
      title: 'Running',
      text: !story.latest
        ? 'no image to look for'
        : pods === 0
          ? 'no Pod runs it yet'
          : `${pods} Pod${pods === 1 ? '' : 's'} (${ready} ready): ${story.pods.map((p) => `${p.namespace}/${p.name}`).join(', ')}`,
      detail: story.podsTruncated ? 'Only the first Pods of each namespace were looked at.' : undefined,
      state: pods > 0 ? 'done' : story.latest ? 'waiting' : 'none',
    },
  ];
}

/** The ids of the Flux objects a story is about. Pure. */
export function storyObjectIds(stories: readonly ImageStoryDto[]): string[] {
  const ids = new Set<string>();
  for (const s of stories) {
    ids.add(s.policy);
    if (s.repository) ids.add(s.repository.id);
    for (const a of s.automations) {
      ids.add(a.id);
      if (a.source) ids.add(a.source.id);
      for (const k of a.appliedBy) ids.add(k.id);
    }
  }
  return [...ids].sort();
}

/**
 * A key that changes when any of `ids` changes in the object store (their resourceVersions),
 * so the story is read again only then. Pure.
 */
export function storyFingerprint(
  ids: readonly string[],
  objects: readonly FluxObjectSummary[] | undefined,
): string {
  if (!objects || ids.length === 0) return '';
  const wanted = new Set(ids);
  return objects
    .filter((o) => wanted.has(o.id))
    .map((o) => `${o.id}@${o.resourceVersion}`)
    .sort()
    .join(',');
}

const STORY_KINDS: ReadonlySet<string> = new Set(['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation']);

/** Whether an object's page tells the image automation story (the three image kinds). Pure. */
export function hasImageStory(kind: string): boolean {
  return STORY_KINDS.has(kind);
}
