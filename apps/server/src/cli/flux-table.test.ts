import { describe, expect, it } from 'vitest';
import { formatFluxTable, readyCells, truncateHex } from './flux-table.js';

describe('flux tables', () => {
  it('prints like flux get kustomizations', () => {
    const out = formatFluxTable(
      ['NAME', 'REVISION', 'SUSPENDED', 'READY', 'MESSAGE'],
      [
        ['flux-system', 'main@sha1:696f056d', 'False', 'True', 'Applied revision: main@sha1:696f056d'],
        ['apps', 'main@sha1:696f056d', 'False', 'False', "dependency 'flux-system/infra' is not ready"],
      ],
    );
    expect(out).toBe(
      [
        'NAME       \tREVISION          \tSUSPENDED\tREADY\tMESSAGE                                    ',
        'flux-system\tmain@sha1:696f056d\tFalse    \tTrue \tApplied revision: main@sha1:696f056d       \t',
        "apps       \tmain@sha1:696f056d\tFalse    \tFalse\tdependency 'flux-system/infra' is not ready\t",
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['main@sha1:696f056df77ae6e5d2b7dbd4e8b6b7c5a6d3c2b1', 'main@sha1:696f056d'],
    [
      "stored artifact for revision 'main@sha1:696f056df77ae6e5d2b7dbd4e8b6b7c5a6d3c2b1'",
      "stored artifact for revision 'main@sha1:696f056d'",
    ],
    ['sha256:' + 'a'.repeat(64), 'sha256:aaaaaaaa'],
    ['v1.2.3', 'v1.2.3'],
    ['ABCDEF' + '0'.repeat(40), 'ABCDEF00000000'],
  ])('truncates hex in %s', (input, output) => expect(truncateHex(input)).toBe(output));

  it('falls back to False / waiting to be reconciled without a Ready condition', () => {
    expect(readyCells(undefined)).toEqual(['False', 'waiting to be reconciled']);
    expect(readyCells([{ type: 'Ready', status: 'True', message: 'ok' }])).toEqual(['True', 'ok']);
  });
});
