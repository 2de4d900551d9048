import { describe, expect, it } from 'vitest';
import { buildMetadata, cleanPath, effectiveValuesFiles, withBuildMetadata } from './build-metadata.js';

const git = 'main@sha1:0123456789abcdef0123456789abcdef01234567';

describe('build metadata (source-controller buildFromTarballArtifact / buildFromHelmRepository)', () => {
  it.each([
    ['HelmRepository', 'ChartVersion', [], ''],
    ['HelmRepository', 'Revision', [], ''],
    ['HelmRepository', 'ChartVersion', ['values-prod.yaml'], '3'],
    ['HelmRepository', 'ChartVersion', ['values.yaml'], ''],
    ['GitRepository', 'ChartVersion', [], ''],
    ['GitRepository', 'Revision', [], '0123456789ab'],
    ['GitRepository', 'Revision', ['a.yaml', 'b.yaml'], '0123456789ab.3'],
    ['GitRepository', 'ChartVersion', ['a.yaml'], '3'],
    ['Bucket', 'Revision', [], 'fedcba987654'],
  ])('%s %s %j → %s', (sourceKind, reconcileStrategy, valuesFiles, expected) => {
    const sourceRevision = sourceKind === 'Bucket' ? 'sha256:fedcba9876543210' : git;
    expect(buildMetadata({ sourceKind, reconcileStrategy, sourceRevision, valuesFiles, generation: 3 })).toBe(
      expected,
    );
  });

  it.each([
    ['6.2.2', '', '6.2.2'],
    ['6.2.2', '3', '6.2.2+3'],
    ['6.2.2+old', 'abc.1', '6.2.2+abc.1'],
    ['v1.0', '7', '1.0.0+7'],
  ])('%s with %j is %s', (version, metadata, expected) => {
    expect(withBuildMetadata(version, metadata)).toBe(expected);
  });

  it('fails as a metadata patch error on a version that is not semver', () => {
    expect(() => withBuildMetadata('latest', '1')).toThrow(
      'chart metadata patch error: failed to parse version from chart metadata as SemVer: Invalid Semantic Version',
    );
  });

  it('treats a lone values.yaml as no values files', () => {
    expect(effectiveValuesFiles(['./values.yaml'])).toEqual([]);
    expect(effectiveValuesFiles(['values.yaml', 'x.yaml'])).toEqual(['values.yaml', 'x.yaml']);
    expect(effectiveValuesFiles(undefined)).toEqual([]);
  });

  it.each([
    ['a/./b/../c', 'a/c'],
    ['../x', '../x'],
    ['/../x', '/x'],
    ['./', '.'],
  ])('cleanPath(%s) = %s', (input, expected) => {
    expect(cleanPath(input)).toBe(expected);
  });
});
