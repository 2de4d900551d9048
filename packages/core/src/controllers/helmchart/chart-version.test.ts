import { describe, expect, it } from 'vitest';
import { selectChartVersion, type IndexChartVersion } from './chart-version.js';

const v = (version: string, created = '2024-01-01T00:00:00Z'): IndexChartVersion => ({
  name: 'podinfo',
  version,
  created,
  urls: [`podinfo-${version}.tgz`],
});
const entries = {
  podinfo: [v('6.2.1'), v('6.2.2'), v('6.3.0-rc.1'), v('6.1.0'), v('v6.0.0'), v('6.0'), v('latest')],
  empty: [],
};

describe('selectChartVersion (source-controller GetChartVersion)', () => {
  it.each([
    ['*', '6.2.2'],
    ['', '6.2.2'],
    ['6.2.1', '6.2.1'],
    ['6.2.x', '6.2.2'],
    ['~6.1', '6.1.0'],
    ['>=6.0.0 <6.2.0', '6.1.0'],
    ['>=6.3.0-0', '6.3.0-rc.1'],
    ['6.3.0-rc.1', '6.3.0-rc.1'],
    ['<6.1.0', 'v6.0.0'],
    ['latest', 'latest'],
    ['6.0', '6.0'],
  ])('%s picks %s', (range, expected) => {
    expect(selectChartVersion(entries, 'podinfo', range).version).toBe(expected);
  });

  it.each([
    ['7.x', "no 'podinfo' chart with version matching '7.x' found"],
    ['>=9.0.0-0', "no 'podinfo' chart with version matching '>=9.0.0-0' found"],
    ['not a range!', 'improper constraint: not a range!'],
  ])('%s fails with %s', (range, message) => {
    expect(() => selectChartVersion(entries, 'podinfo', range)).toThrow(message);
  });

  it('tells a missing chart from a chart without versions', () => {
    expect(() => selectChartVersion(entries, 'nginx', '*')).toThrow('no chart name found');
    expect(() => selectChartVersion(entries, 'empty', '*')).toThrow('no chart version found');
  });

  it('breaks ties of equal versions by the newest created timestamp', () => {
    const tied = {
      app: [
        { version: '1.0.0+b', created: '2024-02-01T00:00:00Z' },
        { version: '1.0.0+a', created: '2024-03-01T00:00:00Z' },
        { version: '1.0.0+c', created: '2024-01-01T00:00:00Z' },
      ],
    };
    expect(selectChartVersion(tied, 'app', '1.0.x').version).toBe('1.0.0+a');
  });
});
