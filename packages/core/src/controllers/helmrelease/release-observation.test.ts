import { describe, expect, it } from 'vitest';
import {
  decodeReleaseData,
  encodeReleaseData,
  type StoredReleaseJson,
} from '../../kube/helm-storage/release-codec.js';
import { configDigest } from './config-digest.js';
import { goJson } from './go-json.js';
import { metaTime, releaseDigest, snapshotOf, testHooksOf } from './release-observation.js';

const stored: StoredReleaseJson = {
  name: 'podinfo',
  info: {
    first_deployed: '2026-12-07T19:35:52.099482034Z',
    last_deployed: '2026-12-07T19:36:06.5Z',
    description: 'Upgrade complete',
    status: 'deployed',
  },
  chart: { metadata: { name: 'podinfo', version: '6.2.2', appVersion: '6.2.2' }, templates: [] },
  config: { replicaCount: 0 },
  manifest: '---\n# Source: podinfo/templates/service.yaml\n',
  hooks: [
    { name: 'pre', kind: 'Job', events: ['pre-install'] },
    {
      name: 'podinfo-grpc-test',
      kind: 'Pod',
      events: ['test'],
      last_run: {
        started_at: '2026-12-07T19:40:00.1Z',
        completed_at: '2026-12-07T19:40:02.9Z',
        phase: 'Succeeded',
      },
    },
  ],
  version: 2,
  namespace: 'apps',
  apply_method: 'csa',
};

describe('release observations (helm-controller internal/release)', () => {
  it('digests as Flux does (its own test vector)', () => {
    expect(releaseDigest({ name: 'foo' } as StoredReleaseJson)).toBe(
      'sha256:f1498f27a16a09cd7e1ee610d924df065c03d30035638babc95dd9a8d412ce4d',
    );
  });

  it('ignores test hooks, so running tests never changes the digest', () => {
    const tested = structuredClone(stored);
    tested.hooks = [stored.hooks![0]!, { ...stored.hooks![1]!, last_run: { phase: 'Failed' } }];
    expect(releaseDigest(tested)).toBe(releaseDigest(stored));
    const changed = { ...stored, manifest: 'other' };
    expect(releaseDigest(changed)).not.toBe(releaseDigest(stored));
    expect(releaseDigest(stored, 'sha256:abc')).not.toBe(releaseDigest(stored));
  });

  it('snapshots a stored release with metav1 times', () => {
    expect(snapshotOf(stored, 'upgrade')).toEqual({
      apiVersion: 'v2',
      digest: releaseDigest(stored),
      name: 'podinfo',
      namespace: 'apps',
      version: 2,
      status: 'deployed',
      action: 'upgrade',
      chartName: 'podinfo',
      chartVersion: '6.2.2',
      appVersion: '6.2.2',
      configDigest: configDigest({ replicaCount: 0 }),
      firstDeployed: '2026-12-07T19:35:52Z',
      lastDeployed: '2026-12-07T19:36:06Z',
    });
    expect(metaTime('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(metaTime('2026-12-07T20:35:52.9+01:00')).toBe('2026-12-07T19:35:52Z');
  });

  it('reads test hooks through the filters', () => {
    expect(testHooksOf(stored)).toEqual({
      'podinfo-grpc-test': {
        lastStarted: '2026-12-07T19:40:00Z',
        lastCompleted: '2026-12-07T19:40:02Z',
        phase: 'Succeeded',
      },
    });
    expect(testHooksOf(stored, [{ name: 'podinfo-grpc-test', exclude: true }])).toEqual({});
    expect(testHooksOf(stored, [{ name: 'other' }])).toEqual({});
  });

  it("writes JSON as Go's encoder: HTML-safe escapes, maps with integer keys sorted bytewise", () => {
    expect(goJson({ b: '<a&b>', a: [1.5, null, true, 'x\u2028'] })).toBe(
      '{"b":"\\u003ca\\u0026b\\u003e","a":[1.5,null,true,"x\\u2028"]}',
    );
    expect(goJson(JSON.parse('{"10":1,"9":2,"a":3}'))).toBe('{"10":1,"9":2,"a":3}');
  });

  it("round-trips Helm's storage encoding (double base64, gzip)", () => {
    const data = encodeReleaseData(stored);
    expect(Buffer.from(Buffer.from(data, 'base64').toString('latin1'), 'base64').subarray(0, 2)).toEqual(
      Buffer.from([0x1f, 0x8b]),
    );
    expect(decodeReleaseData(data)).toEqual(stored);
    const plain = Buffer.from(Buffer.from(JSON.stringify(stored)).toString('base64')).toString('base64');
    expect(decodeReleaseData(plain).name).toBe('podinfo');
  });
});
