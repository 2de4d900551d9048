import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import { applyOciRepository, ociRef, pushFluxArtifact, type OciRepo } from '../../testing/oci-fixture.js';

let fx: ClusterFixture;
let host: string;
const digests: Record<string, string> = {};

beforeAll(async () => {
  fx = await startClusterFixture();
  host = fx.sandbox.registryHost;
  for (const tag of ['1.0.0', '1.1.0', '1.2.0-rc.1', 'v2.0.0', '2.1', 'latest']) {
    digests[tag] = (await pushFluxArtifact(host, 'apps/versions', tag, { 'v.yaml': tag })).digest;
  }
});

afterAll(async () => {
  await fx?.stop();
});

const url = (): string => `oci://${host}/apps/versions`;

describe('OCIRepository semver', () => {
  it.each([
    ['semver-range', 'a range', { semver: '>=1.0.0 <2.0.0' }, '1.1.0'],
    ['semver-any', 'the highest, v prefix allowed, non-semver tags ignored', { semver: '*' }, 'v2.0.0'],
    [
      'semver-pre',
      'pre-releases only when every bound of the range carries one',
      { semver: '>=1.1.0-0 <2.0.0-0' },
      '1.2.0-rc.1',
    ],
    [
      'semver-pre-excluded',
      'no pre-release when one bound has none',
      { semver: '>=1.1.0-0 <2.0.0' },
      '1.1.0',
    ],
    ['semver-filter', 'semverFilter applied first', { semver: '>=1.0.0', semverFilter: '^1\\.0' }, '1.0.0'],
    ['semver-over-tag', 'semver beats tag', { semver: '1.0.x', tag: 'latest' }, '1.0.0'],
  ])('%s: %s', async (objName, _what, ref, tag) => {
    await applyOciRepository(fx.resources, objName, { url: url(), ref, insecure: true });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef(objName),
      (o) => ready(o)?.status === 'True',
    );
    expect(obj.status?.artifact?.revision).toBe(`${tag}@${digests[tag]}`);
  });

  it('reports no matching tag as ReadOperationFailed', async () => {
    await applyOciRepository(fx.resources, 'semver-none', {
      url: url(),
      ref: { semver: '>=5.0.0' },
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('semver-none'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({
      reason: 'ReadOperationFailed',
      message: `failed to determine the artifact tag for '${url()}': no match found for semver: >=5.0.0`,
    });
  });

  it('reports an invalid range as ReadOperationFailed', async () => {
    await applyOciRepository(fx.resources, 'semver-bad', {
      url: url(),
      ref: { semver: 'not-a-range' },
      insecure: true,
    });
    const obj = await waitForObject<OciRepo>(
      fx.resources,
      ociRef('semver-bad'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('ReadOperationFailed');
    expect(ready(obj)?.message).toContain("semver 'not-a-range' parse error");
  });
});
