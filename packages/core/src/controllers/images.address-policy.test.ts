import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyGitRepository,
  remoteHead,
  seedRepository,
  type AutomationRepo,
} from '../testing/automation-fixture.js';
import {
  ready,
  startClusterFixture,
  waitForObject,
  type ClusterFixture,
} from '../testing/cluster-fixture.js';
import { applyImageObject, imageObjectRef, pushTags, type ImageObject } from '../testing/image-fixture.js';

/**
 * The engine option `addressPolicy` reaches the image kinds: with loopback refused except
 * 127.0.0.1 (where the sandbox's peers live), scans, digest lookups and the automation's Git
 * work on 127.0.0.1 go on, and the same peers on 127.0.0.2 are refused before any connection.
 */
let fx: ClusterFixture;
let host: string;
let other: string;
let repo: AutomationRepo;
const REFUSED = 'refusing to connect to 127.0.0.2, a loopback address (engine address policy)';

const deployment = (image: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  image: ${image} # {"$imagepolicy": "default:app"}\n`;

const settled = (kind: 'ImageRepository' | 'ImagePolicy' | 'ImageUpdateAutomation', name: string) =>
  waitForObject<ImageObject>(
    fx.resources,
    imageObjectRef(kind, name),
    (o) => ready(o) !== undefined && ready(o)?.status !== 'Unknown',
  );

beforeAll(async () => {
  fx = await startClusterFixture({
    engine: { addressPolicy: { refuseInternal: true, allow: ['127.0.0.1'] } },
  });
  host = fx.sandbox.registryHost;
  other = host.replace(/^[^:]+/, '127.0.0.2');
  await pushTags(host, 'policy/app', ['1.0.0', '1.0.1']);
  repo = await seedRepository(fx, 'policy-apps', { 'apps/app.yaml': deployment(`${host}/policy/app:1.0.0`) });
}, 600_000);

afterAll(async () => {
  repo?.work.remove();
  await fx?.stop();
});

describe('the engine address policy on image kinds', () => {
  it('ImageRepository: an allowed registry is scanned, a forbidden one is refused', async () => {
    await applyImageObject(fx.resources, 'ImageRepository', 'allowed', {
      image: `${host}/policy/app`,
      interval: '1h',
      insecure: true,
    });
    await applyImageObject(fx.resources, 'ImageRepository', 'forbidden', {
      image: `${other}/policy/app`,
      interval: '1h',
      insecure: true,
    });
    expect((await settled('ImageRepository', 'allowed')).status?.lastScanResult?.tagCount).toBe(2);
    const refused = await settled('ImageRepository', 'forbidden');
    expect(ready(refused)?.reason).toBe('ReadOperationFailed');
    expect(ready(refused)?.message).toContain(REFUSED);
  });

  it('ImageUpdateAutomation: pushes to an allowed Git server, refuses a forbidden one untouched', async () => {
    await applyImageObject(fx.resources, 'ImagePolicy', 'app', {
      imageRepositoryRef: { name: 'allowed' },
      policy: { semver: { range: '1.x' } },
      digestReflectionPolicy: 'Always',
      interval: '1h',
    });
    const policy = await settled('ImagePolicy', 'app');
    expect(policy.status?.latestRef?.tag).toBe('1.0.1');
    expect(policy.status?.latestRef?.digest).toMatch(/^sha256:/);

    const before = await remoteHead(repo.url, 'main');
    await applyGitRepository(fx, 'forbidden', repo.url.replace('127.0.0.1', '127.0.0.2'));
    await applyGitRepository(fx, 'allowed', repo.url);
    const spec = (source: string): Record<string, unknown> => ({
      interval: '1h',
      sourceRef: { kind: 'GitRepository', name: source },
      git: {
        checkout: { ref: { branch: 'main' } },
        commit: { author: { name: 'bot', email: 'bot@example.com' } },
        push: { branch: 'main' },
      },
      update: { path: './apps', strategy: 'Setters' },
    });
    await applyImageObject(fx.resources, 'ImageUpdateAutomation', 'forbidden', spec('forbidden'));
    const refused = await settled('ImageUpdateAutomation', 'forbidden');
    expect(ready(refused)?.reason).toBe('GitOperationFailed');
    expect(ready(refused)?.message).toContain(REFUSED);
    expect(await remoteHead(repo.url, 'main')).toBe(before);

    await applyImageObject(fx.resources, 'ImageUpdateAutomation', 'allowed', spec('allowed'));
    const pushed = await waitForObject<ImageObject>(
      fx.resources,
      imageObjectRef('ImageUpdateAutomation', 'allowed'),
      (o) => o.status?.lastPushCommit !== undefined,
    );
    expect(await remoteHead(repo.url, 'main')).toBe(pushed.status?.lastPushCommit);
  });
});
