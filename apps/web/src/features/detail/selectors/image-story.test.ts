import type { FluxObjectSummary, ImageStoryDto } from '@tideline/server';
import { describe, expect, it } from 'vitest';
import { hasImageStory, storyFingerprint, storyObjectIds, storySteps } from './image-story';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const POLICY = 'ImagePolicy/flux-system/my-app';
const REPO = 'ImageRepository/flux-system/my-app';
const AUTO = 'ImageUpdateAutomation/flux-system/my-app';
const GIT = 'GitRepository/flux-system/apps';
const KS = 'Kustomization/flux-system/apps';

const full: ImageStoryDto = {
  policy: POLICY,
  latest: 'reg/my-app:v1.0.1',
  previous: 'reg/my-app:v1.0.0',
  repository: { id: REPO, lastScanTime: '2026-01-01T00:00:05Z', tagCount: 3 },
  automations: [
    {
      id: AUTO,
      lastPushCommit: SHA,
      lastPushTime: '2026-01-01T00:00:10Z',
      commitMessage: 'chore: v1.0.1',
      source: { id: GIT, revision: `main@sha1:${SHA}`, containsPush: 'pushed' },
      appliedBy: [{ id: KS, lastAppliedRevision: `main@sha1:${SHA}`, current: true }],
    },
  ],
  pods: [
    { namespace: 'production', name: 'a', phase: 'Running', ready: true },
    { namespace: 'production', name: 'b', phase: 'Pending', ready: false },
  ],
  podsTruncated: false,
};
const states = (story: ImageStoryDto): string[] => storySteps(story).map((s) => `${s.title}:${s.state}`);

describe('storySteps', () => {
  it('tells the whole loop in order, each step done', () => {
    const steps = storySteps(full);
    expect(steps.map((s) => [s.title, s.objectId, s.text, s.state])).toEqual([
      ['Scanned', REPO, '3 tags', 'done'],
      ['Selected', POLICY, 'reg/my-app:v1.0.1 (was reg/my-app:v1.0.0)', 'done'],
      ['Pushed', AUTO, 'commit 0123456', 'done'],
      ['Source', GIT, `at main@sha1:${SHA}, the pushed commit`, 'done'],
      ['Applied', KS, `applied main@sha1:${SHA}`, 'done'],
      ['Running', undefined, '2 Pods (1 ready): production/a, production/b', 'done'],
    ]);
    expect(steps[2]?.detail).toBe('chore: v1.0.1');
  });

  it.each([
    [
      'a push the source has not fetched yet',
      {
        ...full,
        automations: [
          {
            ...full.automations[0]!,
            source: { id: GIT, revision: 'main@sha1:beef', containsPush: 'older' as const },
            appliedBy: [{ id: KS, lastAppliedRevision: 'main@sha1:beef', current: true }],
          },
        ],
        pods: [],
      },
      ['Scanned:done', 'Selected:done', 'Pushed:done', 'Source:waiting', 'Applied:done', 'Running:waiting'],
    ],
    [
      'an applier behind its source',
      {
        ...full,
        automations: [
          {
            ...full.automations[0]!,
            appliedBy: [{ id: KS, lastAppliedRevision: 'main@sha1:beef', current: false }],
          },
        ],
      },
      ['Scanned:done', 'Selected:done', 'Pushed:done', 'Source:done', 'Applied:waiting', 'Running:done'],
    ],
    [
      'a policy alone, before any scan',
      { policy: POLICY, automations: [], pods: [], podsTruncated: false },
      ['Scanned:none', 'Selected:none', 'Running:none'],
    ],
  ])('%s', (_name, story, expected) => expect(states(story)).toEqual(expected));

  it('says when the Pod lookup was capped', () => {
    expect(storySteps({ ...full, podsTruncated: true }).at(-1)?.detail).toMatch(/first Pods/);
  });
});

describe('storyObjectIds and storyFingerprint', () => {
  const summary = (id: string, resourceVersion: string): FluxObjectSummary =>
    ({ id, resourceVersion }) as FluxObjectSummary;

  it('names every object of the story once', () => {
    expect(storyObjectIds([full, full])).toEqual([GIT, AUTO, POLICY, REPO, KS].sort());
  });

  it.each([
    ['no store yet', [POLICY], undefined, ''],
    ['no ids', [], [summary(POLICY, '1')], ''],
    [
      'only the story objects count',
      [POLICY, KS],
      [summary(KS, '7'), summary('X/a/b', '9'), summary(POLICY, '3')],
      `${POLICY}@3,${KS}@7`,
    ],
  ])('%s', (_name, ids, objects, expected) => expect(storyFingerprint(ids, objects)).toBe(expected));
});

describe('hasImageStory', () => {
  it.each([
    ['ImagePolicy', true],
    ['ImageRepository', true],
    ['ImageUpdateAutomation', true],
    ['GitRepository', false],
    ['Kustomization', false],
  ])('%s → %s', (kind, expected) => expect(hasImageStory(kind)).toBe(expected));
});
