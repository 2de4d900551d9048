import { describe, expect, it } from 'vitest';
import { emptyResult, addChange } from '../../images/setters/update-result.js';
import type { KubeObject } from '../../kube/objects.js';
import { pushOptionArgs, pushRejection } from '../../sources/git-commit.js';
import { commitMessage, CommitMessageError } from './commit-message.js';
import { AutomationMessages } from './messages.js';
import { observedPolicies, observedPoliciesChanged, selectPolicies } from './policies.js';
import { pushTarget, SourceConfigError } from './source-config.js';
import {
  automationsOf,
  automationsSelecting,
  latestRefChanged,
  repositoriesTrackingPush,
} from './watches.js';

const obj = (namespace: string, name: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({
    apiVersion: 'x',
    kind: 'X',
    ...extra,
    metadata: { namespace, name, ...(extra.metadata as object) },
  }) as KubeObject;
const commit = { author: { email: 'a@b' } };

describe('ImageUpdateAutomation decisions', () => {
  it.each([
    [{ push: { branch: 'main' } }, { branch: 'main' }, { pushBranch: 'main', switchBranch: false }],
    [{ push: { branch: 'auto' } }, { branch: 'main' }, { pushBranch: 'auto', switchBranch: true }],
    [{ push: { branch: 'master' } }, undefined, { pushBranch: 'master', switchBranch: false }],
    [{ push: { branch: 'x' } }, { tag: 'v1' }, { pushBranch: 'x', switchBranch: true }],
    [{}, { branch: 'dev' }, { pushBranch: 'dev', switchBranch: false }],
  ])('push %j with checkout %j', (git, checkout, want) => {
    expect(pushTarget({ commit, ...git }, checkout)).toEqual(want);
  });

  it('needs a push branch from somewhere', () => {
    expect(() => pushTarget({ commit }, { tag: 'v1' })).toThrow(SourceConfigError);
    expect(() => pushTarget({ commit }, undefined)).toThrow(AutomationMessages.noPushBranch);
  });

  it('selects policies of its namespace that have a latestRef, and notices changes', () => {
    const policies = [
      obj('ns', 'b', { metadata: { labels: { app: 'x' } }, status: { latestRef: { name: 'r', tag: '2' } } }),
      obj('ns', 'a', { status: { latestRef: { name: 'r', tag: '1' } } }),
      obj('ns', 'none', {}),
      obj('other', 'c', { status: { latestRef: { name: 'r', tag: '1' } } }),
    ];
    expect(selectPolicies('ns', undefined, policies).map((p) => p.name)).toEqual(['a', 'b']);
    expect(selectPolicies('ns', { matchLabels: { app: 'x' } }, policies).map((p) => p.name)).toEqual(['b']);
    const observed = observedPolicies(selectPolicies('ns', undefined, policies));
    expect(observed).toEqual({ a: { name: 'r', tag: '1' }, b: { name: 'r', tag: '2' } });
    expect(observedPoliciesChanged(observed, observed)).toBe(false);
    expect(observedPoliciesChanged({ a: { name: 'r', tag: '1' } }, observed)).toBe(true);
    expect(observedPoliciesChanged({ ...observed, b: { name: 'r', tag: '2', digest: 'd' } }, observed)).toBe(
      true,
    );
  });

  it('wakes automations on a new latestRef, a GitRepository spec change, and repositories on a push', () => {
    const policy = (tag?: string): KubeObject =>
      obj('ns', 'p', tag ? { status: { latestRef: { name: 'r', tag } } } : {});
    expect(latestRefChanged(policy('2'), policy('1'))).toBe(true);
    expect(latestRefChanged(policy('1'), policy())).toBe(true);
    expect(latestRefChanged(policy('1'), policy('1'))).toBe(false);
    const autos = [
      obj('ns', 'all', { spec: { sourceRef: { name: 'repo' } } }),
      obj('ns', 'labelled', {
        spec: { policySelector: { matchLabels: { x: 'y' } }, sourceRef: { name: 'repo', namespace: 'git' } },
      }),
    ];
    expect(automationsSelecting(policy('1'), autos).map((a) => a.metadata.name)).toEqual(['all']);
    expect(automationsOf(obj('git', 'repo'), autos).map((a) => a.metadata.name)).toEqual(['labelled']);
    const repos = [
      obj('ns', 'repo', { spec: { url: 'http://git/apps.git', ref: { branch: 'main' } } }),
      obj('flux-system', 'same-remote', { spec: { url: 'http://git/apps', ref: { branch: 'main' } } }),
      obj('ns', 'other-branch', { spec: { url: 'http://git/apps.git', ref: { branch: 'dev' } } }),
      obj('ns', 'tag', { spec: { url: 'http://git/apps.git', ref: { tag: 'v1' } } }),
    ];
    const pushed = (commitId?: string): KubeObject =>
      obj('ns', 'all', {
        spec: { sourceRef: { name: 'repo' } },
        status: commitId ? { lastPushCommit: commitId } : {},
      });
    expect(repositoriesTrackingPush(pushed('b'), pushed('a'), repos).map((r) => r.metadata.name)).toEqual([
      'repo',
      'same-remote',
    ]);
    expect(repositoriesTrackingPush(pushed('a'), pushed('a'), repos)).toEqual([]);
  });

  it('renders the commit message, and refuses removed template fields with Flux words', () => {
    const result = emptyResult();
    addChange(
      result,
      'a.yaml',
      { name: 'n', namespace: '', apiVersion: 'v1', kind: 'ConfigMap' },
      { oldValue: 'x:1', newValue: 'x:2', setter: 'ns:p' },
    );
    const auto = { namespace: 'flux-system', name: 'my-app' };
    expect(commitMessage(undefined, auto, result, undefined)).toBe('Update from image update automation');
    expect(
      commitMessage(
        '{{ .AutomationObject }}: {{ range .Changed.Changes }}{{ .NewValue }}{{ end }}',
        auto,
        result,
        undefined,
      ),
    ).toBe('flux-system/my-app: x:2');
    expect(() => commitMessage('{{ .Changed.ImageResult.Files }}', auto, result, undefined)).toThrow(
      CommitMessageError,
    );
    try {
      commitMessage('{{ .Updated }}', auto, result, undefined);
    } catch (error) {
      expect((error as CommitMessageError).removedField).toBe(true);
    }
    expect(() => commitMessage('{{ .Nope }}', auto, result, undefined)).toThrow(
      /^failed to run template from spec: template: commit message:1:3: executing "commit message" at <.Nope>: can't evaluate field Nope in type source.TemplateData$/,
    );
  });

  it('words push rejections and push options as git and go-git do', () => {
    expect(pushRejection('To http://x\n ! [rejected]        HEAD -> main (fetch first)\nerror: failed')).toBe(
      'non-fast-forward update: refs/heads/main',
    );
    expect(pushRejection(' ! [remote rejected] HEAD -> main (hook declined)')).toBe(
      'remote rejected: refs/heads/main (hook declined)',
    );
    expect(pushRejection('fatal: unable to access')).toBeUndefined();
    expect(pushOptionArgs({ b: '2', a: '1' })).toEqual(['--push-option=a=1', '--push-option=b=2']);
  });
});
