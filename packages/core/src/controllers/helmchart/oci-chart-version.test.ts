import { describe, expect, it } from 'vitest';
import type { ImageManifest } from '../../sources/oci/registry-client.js';
import { helmChartLayer } from './oci-chart-layer.js';
import {
  chartVersionTag,
  helmChartTags,
  isConcreteVersion,
  lastMatchingVersion,
} from './oci-chart-version.js';

describe('helmChartTags (Helm registry client Tags)', () => {
  it.each([
    [
      ['6.2.1', '6.2.2', 'latest'],
      ['6.2.2', '6.2.1'],
    ],
    [
      ['1.0.0_build.7', '1.0.0-rc.1', 'v1.2.0', '1.2', '01.0.0'],
      ['1.0.0+build.7', '1.0.0-rc.1'],
    ],
    [['sha256-abc.sig', 'main'], []],
    [
      ['10.0.0', '9.0.0', '9.10.0'],
      ['10.0.0', '9.10.0', '9.0.0'],
    ],
  ])('%j → %j', (tags, expected) => {
    expect(helmChartTags(tags)).toEqual(expected);
  });
});

describe('isConcreteVersion (fluxcd/pkg version.ParseVersion)', () => {
  it.each([
    ['6.2.2', true],
    ['v6.2.2', true],
    ['6.2.2+1', true],
    ['6.2.2-rc.1', true],
    ['6.2', false],
    ['6.2.x', false],
    ['*', false],
    ['', false],
    ['>=6.0.0', false],
  ])('%j → %s', (version, expected) => {
    expect(isConcreteVersion(version)).toBe(expected);
  });
});

describe('lastMatchingVersion (source-controller getLastMatchingVersionOrConstraint)', () => {
  const tags = ['7.0.0-rc.1', '6.2.2', '6.2.1+build.1', '6.2.1', '5.0.0'];
  it.each([
    ['', '6.2.2'],
    ['*', '6.2.2'],
    ['6.2.x', '6.2.2'],
    ['~6.2.0 <6.2.2', '6.2.1+build.1'],
    ['6.2.1', '6.2.1'],
    ['>=7.0.0-0', '7.0.0-rc.1'],
    ['<6', '5.0.0'],
  ])('%j → %s', (version, expected) => {
    expect(lastMatchingVersion(tags, version)).toBe(expected);
  });

  it.each([
    ['8.x', 'could not locate a version matching provided version string 8.x'],
    ['>>1', 'improper constraint: >>1'],
  ])('%j fails: %s', (version, message) => {
    expect(() => lastMatchingVersion(tags, version)).toThrow(message);
  });

  it('writes + as _ in tags, as helm push does', () => {
    expect(chartVersionTag('1.0.0+build.7')).toBe('1.0.0_build.7');
  });
});

describe('helmChartLayer (Helm registry client Pull)', () => {
  const config = {
    mediaType: 'application/vnd.cncf.helm.config.v1+json',
    digest: `sha256:${'c'.repeat(64)}`,
    size: 2,
  };
  const chart = {
    mediaType: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
    digest: `sha256:${'a'.repeat(64)}`,
    size: 10,
  };
  const prov = {
    mediaType: 'application/vnd.cncf.helm.chart.provenance.v1.prov',
    digest: `sha256:${'b'.repeat(64)}`,
    size: 5,
  };
  const manifest = (over: Partial<ImageManifest>): ImageManifest => ({
    digest: `sha256:${'d'.repeat(64)}`,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config,
    layers: [chart],
    ...over,
  });

  it('picks the chart layer beside a provenance layer, and the legacy media type', () => {
    expect(helmChartLayer(manifest({ layers: [prov, chart] }))).toEqual(chart);
    const legacy = { ...chart, mediaType: 'application/tar+gzip' };
    expect(helmChartLayer(manifest({ layers: [legacy] }))).toEqual(legacy);
  });

  it.each([
    [
      manifest({ config: { ...config, mediaType: 'application/vnd.cncf.flux.config.v1+json' } }),
      'could not load config with mediatype application/vnd.cncf.helm.config.v1+json',
    ],
    [
      manifest({ layers: [prov] }),
      'manifest does not contain a layer with mediatype application/vnd.cncf.helm.chart.content.v1.tar+gzip',
    ],
  ])('refuses a manifest that is no chart (%#)', (given, message) => {
    expect(() => helmChartLayer(given)).toThrow(message);
  });
});
