import { describe, expect, it } from 'vitest';
import type { EventDto } from '../api/dto.js';
import {
  imageStoryDraft,
  podRunsImage,
  pushedCommitMessage,
  sourceContainsPush,
  storyPod,
  storyPolicies,
  workloadNamespaces,
  type PodView,
  type StoryWorld,
} from './image-story.js';
import type { FluxResource } from './to-dto.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const obj = (id: string, status: Record<string, unknown>): [string, FluxResource] => {
  const [kind = '', namespace, name = ''] = id.split('/');
  return [id, { apiVersion: 'x/v1', kind, metadata: { name, namespace }, status } as FluxResource];
};
const event = (message: string): EventDto => ({
  uid: message,
  namespace: 'flux-system',
  type: 'Normal',
  reason: 'Succeeded',
  message,
  object: 'ImageUpdateAutomation/my-app',
  objectId: 'ImageUpdateAutomation/flux-system/my-app',
  count: 1,
  source: 'image-automation-controller',
});

const REPO = 'ImageRepository/flux-system/my-app';
const POLICY = 'ImagePolicy/flux-system/my-app';
const AUTO = 'ImageUpdateAutomation/flux-system/my-app';
const GIT = 'GitRepository/flux-system/apps';
const KS = 'Kustomization/flux-system/apps';
const EDGES = [
  { from: REPO, to: POLICY },
  { from: POLICY, to: AUTO },
  { from: AUTO, to: GIT },
  { from: GIT, to: KS },
  { from: GIT, to: 'Kustomization/flux-system/other' },
];

describe('storyPolicies', () => {
  it.each([
    [POLICY, [POLICY]],
    [REPO, [POLICY]],
    [AUTO, [POLICY]],
    [GIT, []],
    ['ImageRepository/flux-system/unused', []],
  ])('%s → %j', (id, expected) => expect(storyPolicies(id, EDGES)).toEqual(expected));
});

describe('pushedCommitMessage', () => {
  it.each([
    [
      'the body after the summary',
      [event(`pushed commit '${SHA.slice(0, 7)}' to branch 'main'\nchore: update`)],
      SHA,
      'chore: update',
    ],
    [
      'with refspecs',
      [event(`pushed commit '${SHA.slice(0, 7)}' to branch 'auto' and refspecs 'x'\nmsg\nbody`)],
      SHA,
      'msg\nbody',
    ],
    ['another commit', [event(`pushed commit 'fffffff' to branch 'main'\nold`)], SHA, undefined],
    ['no body', [event(`pushed commit '${SHA.slice(0, 7)}' to branch 'main'`)], SHA, undefined],
    ['no push yet', [event('no updates made')], undefined, undefined],
  ])('%s', (_name, events, commit, expected) => expect(pushedCommitMessage(events, commit)).toBe(expected));
});

describe('sourceContainsPush', () => {
  const push = { commit: SHA, time: '2026-01-01T00:00:10Z' };
  it.each([
    ['the pushed commit', { revision: `main@sha1:${SHA}` }, push, 'pushed'],
    [
      'a later artifact',
      { revision: 'main@sha1:beef', lastUpdateTime: '2026-01-01T00:00:20Z' },
      push,
      'later',
    ],
    [
      'an older artifact',
      { revision: 'main@sha1:beef', lastUpdateTime: '2026-01-01T00:00:00Z' },
      push,
      'older',
    ],
    ['no artifact', undefined, push, 'unknown'],
    ['no push', { revision: `main@sha1:${SHA}` }, {}, 'unknown'],
    ['no times', { revision: 'main@sha1:beef' }, push, 'unknown'],
  ] as const)('%s → %s', (_name, artifact, p, expected) =>
    expect(sourceContainsPush(artifact, p)).toBe(expected),
  );
});

describe('workloadNamespaces', () => {
  it('takes the namespaces of workloads, skipping other kinds and bad entries', () => {
    const ks = obj(KS, {
      inventory: {
        entries: [
          { id: 'production_my-app_apps_Deployment', v: 'v1' },
          { id: 'staging_web_apps_StatefulSet', v: 'v1' },
          { id: 'production_cfg__ConfigMap', v: 'v1' },
          { id: 'other_cfg__ConfigMap', v: 'v1' },
          { id: 'nonsense', v: 'v1' },
        ],
      },
    })[1];
    expect(workloadNamespaces([ks, undefined])).toEqual(['production', 'staging']);
  });
});

describe('imageStoryDraft', () => {
  const objects = new Map([
    obj(POLICY, {
      latestRef: { name: 'reg/my-app', tag: 'v1.0.1', digest: 'sha256:aa' },
      observedPreviousRef: { name: 'reg/my-app', tag: 'v1.0.0' },
    }),
    obj(REPO, { lastScanResult: { tagCount: 3, scanTime: '2026-01-01T00:00:05Z' } }),
    obj(AUTO, { lastPushCommit: SHA, lastPushTime: '2026-01-01T00:00:10Z' }),
    obj(GIT, { artifact: { revision: `main@sha1:${SHA}`, lastUpdateTime: '2026-01-01T00:00:11Z' } }),
    obj(KS, {
      lastAppliedRevision: `main@sha1:${SHA}`,
      inventory: { entries: [{ id: 'production_my-app_apps_Deployment', v: 'v1' }] },
    }),
  ]);
  const world: StoryWorld = {
    get: (id) => objects.get(id),
    edges: EDGES,
    events: (id) =>
      id === AUTO ? [event(`pushed commit '${SHA.slice(0, 7)}' to branch 'main'\nchore: v1.0.1`)] : [],
  };

  it('follows the tag from the scan to the applier', () => {
    expect(imageStoryDraft(POLICY, world)).toEqual({
      story: {
        policy: POLICY,
        latest: 'reg/my-app:v1.0.1@sha256:aa',
        previous: 'reg/my-app:v1.0.0',
        repository: { id: REPO, lastScanTime: '2026-01-01T00:00:05Z', tagCount: 3 },
        automations: [
          {
            id: AUTO,
            lastPushCommit: SHA,
            lastPushTime: '2026-01-01T00:00:10Z',
            commitMessage: 'chore: v1.0.1',
            source: { id: GIT, revision: `main@sha1:${SHA}`, containsPush: 'pushed' },
            appliedBy: [
              { id: KS, lastAppliedRevision: `main@sha1:${SHA}`, current: true },
              { id: 'Kustomization/flux-system/other', lastAppliedRevision: undefined, current: false },
            ],
          },
        ],
        pods: [],
        podsTruncated: false,
      },
      image: 'reg/my-app:v1.0.1',
      podNamespaces: ['production'],
    });
  });

  it('tells what there is for a policy without a choice or an automation', () => {
    const lonely: StoryWorld = { get: () => undefined, edges: [], events: () => [] };
    expect(imageStoryDraft(POLICY, lonely)).toEqual({
      story: {
        policy: POLICY,
        latest: undefined,
        previous: undefined,
        repository: undefined,
        automations: [],
        pods: [],
        podsTruncated: false,
      },
      image: undefined,
      podNamespaces: [],
    });
  });
});

describe('podRunsImage and storyPod', () => {
  const pod = (image: string, ready = 'True'): PodView => ({
    metadata: { name: 'my-app-1', namespace: 'production' },
    spec: { containers: [{ image: 'sidecar:1' }, { image }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready }] },
  });
  it.each([
    ['reg/my-app:v1.0.1', true],
    ['reg/my-app:v1.0.1@sha256:aa', true],
    ['reg/my-app:v1.0.10', false],
    ['reg/my-app:v1.0.0', false],
  ])('%s runs reg/my-app:v1.0.1 → %s', (image, expected) =>
    expect(podRunsImage(pod(image), 'reg/my-app:v1.0.1')).toBe(expected),
  );
  it.each([
    [pod('x', 'True'), { namespace: 'production', name: 'my-app-1', phase: 'Running', ready: true }],
    [pod('x', 'False'), { namespace: 'production', name: 'my-app-1', phase: 'Running', ready: false }],
    [{ metadata: { name: 'p' } }, { namespace: '', name: 'p', phase: 'Unknown', ready: false }],
  ])('%#', (p, expected) => expect(storyPod(p)).toEqual(expected));
});
