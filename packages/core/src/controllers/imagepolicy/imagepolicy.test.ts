import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../../testing/cluster-fixture.js';
import {
  applyImageObject,
  imageEvents,
  imageObjectRef,
  pushTags,
  requestImageReconcile,
  type ImageObject,
} from '../../testing/image-fixture.js';

let fx: ClusterFixture;
let host: string;
let image: string;
let digests: Record<string, string>;

beforeAll(async () => {
  fx = await startClusterFixture();
  host = fx.sandbox.registryHost;
  image = `${host}/team/app`;
  digests = await pushTags(host, 'team/app', ['v1.0.0', 'v1.0.1', '2.0.0', 'latest']);
  await applyImageObject(fx.resources, 'ImageRepository', 'app', { image, interval: '1h', insecure: true });
  await waitForObject<ImageObject>(
    fx.resources,
    imageObjectRef('ImageRepository', 'app'),
    (o) => ready(o)?.status === 'True',
  );
});

afterAll(async () => {
  await fx?.stop();
});

const policyRef = (name: string, namespace = 'default'): ReturnType<typeof imageObjectRef> =>
  imageObjectRef('ImagePolicy', name, namespace);
const settled = (o: ImageObject): boolean =>
  o.status?.observedGeneration === o.metadata.generation || ready(o)?.status === 'False';

async function policy(
  name: string,
  spec: Record<string, unknown>,
  namespace = 'default',
): Promise<ImageObject> {
  await applyImageObject(
    fx.resources,
    'ImagePolicy',
    name,
    { imageRepositoryRef: { name: 'app', namespace: 'default' }, ...spec },
    { namespace },
  );
  return waitForObject<ImageObject>(fx.resources, policyRef(name, namespace), settled);
}

describe('ImagePolicy against scanned tags', () => {
  it('resolves the guide policy (v1beta2, semver 1.x) and writes v1 and v1beta2 status fields', async () => {
    await applyImageObject(
      fx.resources,
      'ImagePolicy',
      'guide',
      { imageRepositoryRef: { name: 'app' }, policy: { semver: { range: '1.x' } } },
      { apiVersion: 'image.toolkit.fluxcd.io/v1beta2' },
    );
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      policyRef('guide'),
      (o) => ready(o)?.status === 'True',
    );
    expect(obj.status?.latestRef).toEqual({ name: image, tag: 'v1.0.1' });
    expect(obj.status?.latestImage).toBe(`${image}:v1.0.1`);
    expect(ready(obj)).toMatchObject({
      reason: 'Succeeded',
      message: `Latest image tag for ${image} resolved to v1.0.1`,
    });
    const events = await imageEvents(fx.resources, 'ImagePolicy', 'guide');
    expect(events[0]).toMatchObject({ type: 'Normal', reason: 'Succeeded', message: ready(obj)?.message });
  });

  it('follows a new scan by itself and records the previous ref', async () => {
    Object.assign(digests, await pushTags(host, 'team/app', ['v1.0.2']));
    await requestImageReconcile(fx.resources, 'ImageRepository', 'app', 'scan-2');
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      policyRef('guide'),
      (o) => o.status?.latestRef?.tag === 'v1.0.2',
    );
    expect(obj.status?.observedPreviousRef).toEqual({ name: image, tag: 'v1.0.1' });
    expect(obj.status?.observedPreviousImage).toBe(`${image}:v1.0.1`);
    expect(ready(obj)?.message).toBe(
      `Latest image tag for ${image} resolved to v1.0.2 (previously ${image}:v1.0.1)`,
    );
  });

  it('keeps its last result when a new range matches nothing, and says why', async () => {
    await policy('narrow', { policy: { semver: { range: '1.x' } } });
    const obj = await policy('narrow', { policy: { semver: { range: '5.x' } } });
    expect(ready(obj)).toMatchObject({
      status: 'False',
      reason: 'Failure',
      message: 'unable to determine latest version from provided list',
    });
    expect(obj.status?.latestRef?.tag).toBe('v1.0.2');
  });

  it('never reads an empty tag list (a cache lost in a restart) as a downgrade: keeps its result, says why', async () => {
    const before = await policy('lost-cache', { policy: { semver: { range: '1.x' } } });
    const resolved = before.status?.latestRef;
    expect(resolved?.tag).toMatch(/^v1\.0\.[12]$/);
    // The engine's tag store, as a restart onto an empty disk would find it (no scan yet).
    const stored = join(
      fx.sandbox.dir,
      'engine',
      'image-tags',
      'imagerepository',
      'default',
      'app',
      'tags.json',
    );
    const saved = await readFile(stored);
    await rm(stored);
    try {
      await requestImageReconcile(fx.resources, 'ImagePolicy', 'lost-cache', 'empty-cache');
      const obj = await waitForObject<ImageObject>(
        fx.resources,
        policyRef('lost-cache'),
        (o) => ready(o)?.reason === 'DependencyNotReady',
      );
      expect(ready(obj)).toMatchObject({
        status: 'False',
        message: 'retrying in 30s error: no tags in database',
      });
      expect(obj.status?.latestRef).toEqual(resolved);
    } finally {
      await writeFile(stored, saved);
    }
  });

  it('fails numerical on one non-numeric tag, and works on extracted numbers', async () => {
    const failing = await policy('numbers', { policy: { numerical: { order: 'asc' } } });
    expect(ready(failing)).toMatchObject({
      reason: 'Failure',
      message: "failed to parse invalid numeric value 'v1.0.2'",
    });
    const extracted = await policy('patch', {
      policy: { numerical: { order: 'asc' } },
      filterTags: { pattern: '^v1\\.0\\.(?P<patch>[0-9]+)$', extract: '$patch' },
    });
    expect(extracted.status?.latestRef?.tag).toBe('v1.0.2');
    const desc = await policy('alpha-desc', { policy: { alphabetical: { order: 'desc' } } });
    expect(desc.status?.latestRef?.tag).toBe('2.0.0');
  });

  it.each([
    [{ policy: { semver: { range: 'x1' } } }, 'InvalidPolicy', 'invalid policy: constraint Parser Error'],
    [
      { policy: { alphabetical: {} }, filterTags: { pattern: '(' } },
      'InvalidPolicy',
      "failed to filter tags: invalid regular expression pattern '(': error parsing regexp: missing closing ): `(`",
    ],
    [
      { policy: { alphabetical: {} }, digestReflectionPolicy: 'Always' },
      'IntervalNotConfigured',
      "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'",
    ],
  ])('stalls on %j', async (spec, reason, message) => {
    const name = `stall-${reason.toLowerCase()}-${Object.keys(spec).length}`;
    const obj = await policy(name, spec);
    expect(ready(obj)).toMatchObject({ status: 'False', reason, message });
    expect(obj.status?.conditions?.find((c) => c.type === 'Stalled')).toMatchObject({ reason, message });
  });

  it('waits for a repository that does not exist', async () => {
    await applyImageObject(fx.resources, 'ImagePolicy', 'orphan', {
      imageRepositoryRef: { name: 'nope' },
      policy: { alphabetical: {} },
    });
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      policyRef('orphan'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({
      reason: 'DependencyNotReady',
      message:
        'failed to get the referred ImageRepository: referenced ImageRepository does not exist: imagerepositories.image.toolkit.fluxcd.io "nope" not found',
    });
  });

  it('reflects the digest when asked (IfNotPresent)', async () => {
    const obj = await policy('digest', {
      policy: { semver: { range: '1.x' } },
      digestReflectionPolicy: 'IfNotPresent',
    });
    expect(obj.status?.latestRef?.digest).toBe(digests['v1.0.2']);
    expect(ready(obj)?.message).toBe(
      `Latest image tag for ${image} resolved to v1.0.2 with digest ${obj.status?.latestRef?.digest ?? ''}`,
    );
  });

  it('applies cross-namespace rules: accessFrom labels, else AccessDenied', async () => {
    for (const [name, labels] of [
      ['team-a', { team: 'a' }],
      ['team-b', { team: 'b' }],
    ] as const)
      await fx.resources.apply(
        { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } },
        { fieldManager: 'test' },
      );
    const denied = await policy('remote', { policy: { semver: { range: '1.x' } } }, 'team-a');
    expect(ready(denied)).toMatchObject({
      reason: 'AccessDenied',
      message:
        "failed to get the referred ImageRepository: access denied: 'default/app' can't be accessed due to missing ACL labels on 'accessFrom'",
    });
    await applyImageObject(fx.resources, 'ImageRepository', 'app', {
      image,
      interval: '1h',
      insecure: true,
      accessFrom: { namespaceSelectors: [{ matchLabels: { team: 'a' } }] },
    });
    await requestImageReconcile(fx.resources, 'ImagePolicy', 'remote', 'acl-1', 'team-a');
    const allowed = await waitForObject<ImageObject>(
      fx.resources,
      policyRef('remote', 'team-a'),
      (o) => ready(o)?.status === 'True',
    );
    expect(allowed.status?.latestRef?.tag).toBe('v1.0.2');
    const other = await policy('remote', { policy: { semver: { range: '1.x' } } }, 'team-b');
    expect(ready(other)?.message).toBe(
      "failed to get the referred ImageRepository: access denied: 'default/app' can't be accessed due to ACL labels mismatch on namespace 'team-b'",
    );
  });
});
