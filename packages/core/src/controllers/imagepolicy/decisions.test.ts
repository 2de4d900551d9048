import { describe, expect, it } from 'vitest';
import { compileGoTagPattern } from '../../images/go-tag-pattern.js';
import { InvalidPolicyError, PolicyError } from '../../images/policies/policer.js';
import type { KubeObject } from '../../kube/objects.js';
import { latestTag } from './latest-tag.js';
import { PolicyMessages } from './messages.js';
import { policiesOf, scanResultChanged } from './watches.js';

const stored = ['v1.0.1', 'v1.0.0', 'main-abc-1700', 'latest', '2.0.0'];
const obj = (namespace: string, name: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion: 'x', kind: 'X', metadata: { namespace, name }, ...extra }) as KubeObject;

describe('ImagePolicy decisions', () => {
  it('maps an extracted value back to its tag', () => {
    const spec = {
      policy: { numerical: { order: 'asc' as const } },
      filterTags: { pattern: '^main-[a-f0-9]+-(?P<ts>[0-9]+)', extract: '$ts' },
    };
    expect(latestTag(spec, stored, compileGoTagPattern)).toBe('main-abc-1700');
    expect(latestTag({ policy: { semver: { range: '<2.0.0' } } }, stored, compileGoTagPattern)).toBe(
      'v1.0.1',
    );
  });

  it('a filter that keeps nothing fails (empty list), an invalid policy stalls', () => {
    expect(() =>
      latestTag(
        { policy: { alphabetical: {} }, filterTags: { pattern: '^nothing$' } },
        stored,
        compileGoTagPattern,
      ),
    ).toThrow(PolicyError);
    expect(() => latestTag({ policy: {} }, stored, compileGoTagPattern)).toThrow(InvalidPolicyError);
    expect(() => latestTag({ policy: {} }, stored, compileGoTagPattern)).toThrow(
      'invalid policy: given ImagePolicyChoice object is invalid',
    );
  });

  it('words Ready as Flux does, with digest and previous ref', () => {
    expect(
      PolicyMessages.ready(
        { name: 'r/a', tag: '2', digest: 'sha256:b' },
        { name: 'r/a', tag: '1', digest: 'sha256:a' },
      ),
    ).toBe('Latest image tag for r/a resolved to 2 with digest sha256:b (previously r/a:1@sha256:a)');
    expect(PolicyMessages.ready({ name: 'r/a', tag: '2' }, { name: 'r/a', tag: '2' })).toBe(
      'Latest image tag for r/a resolved to 2',
    );
  });

  it('wakes the policies of a repository whose scan revision moved', () => {
    const scanned = (revision?: string): KubeObject =>
      obj('ns', 'repo', revision ? { status: { lastScanResult: { revision } } } : {});
    expect(scanResultChanged(scanned('1'), scanned())).toBe(true);
    expect(scanResultChanged(scanned('2'), scanned('1'))).toBe(true);
    expect(scanResultChanged(scanned('1'), scanned('1'))).toBe(false);
    expect(scanResultChanged(scanned(), scanned('1'))).toBe(false);
    const policies = [
      obj('ns', 'a', { spec: { imageRepositoryRef: { name: 'repo' } } }),
      obj('other', 'b', { spec: { imageRepositoryRef: { name: 'repo', namespace: 'ns' } } }),
      obj('other', 'c', { spec: { imageRepositoryRef: { name: 'repo' } } }),
    ];
    expect(policiesOf(scanned('1'), policies).map((p) => p.metadata.name)).toEqual(['a', 'b']);
  });
});
