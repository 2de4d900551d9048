import { describe, expect, it } from 'vitest';
import { linkName, relationWords, shortCommit } from './cause-words';

describe('relationWords', () => {
  it.each([
    [{ relation: 'self', kind: 'Kustomization' }, 'The object'],
    [{ relation: 'source', kind: 'GitRepository' }, 'its source'],
    [{ relation: 'source', kind: 'HelmChart' }, 'its chart'],
    [{ relation: 'dependsOn', kind: 'Kustomization' }, 'a dependency'],
    [{ relation: 'policy', kind: 'ImagePolicy' }, 'its image policy'],
    [{ relation: 'workload', kind: 'Deployment' }, 'an object it applies'],
  ] as const)('%j → %s', (link, words) => expect(relationWords(link)).toBe(words));
});

describe('linkName and shortCommit', () => {
  it('names namespaced and cluster-scoped objects, and shortens commits', () => {
    expect(linkName({ kind: 'Deployment', namespace: 'production', name: 'my-app' })).toBe(
      'Deployment production/my-app',
    );
    expect(linkName({ kind: 'Namespace', namespace: '', name: 'production' })).toBe('Namespace production');
    expect(shortCommit('0123456789abcdef')).toBe('0123456');
  });
});
