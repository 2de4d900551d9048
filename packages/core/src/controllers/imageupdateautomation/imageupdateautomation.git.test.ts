import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  applyGitRepository,
  inClone,
  installHook,
  remoteFile,
  remoteHead,
  seedRepository,
  type AutomationRepo,
} from '../../testing/automation-fixture.js';
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
  type ImageObject,
} from '../../testing/image-fixture.js';

const run = promisify(execFile);
let fx: ClusterFixture;
let image: string;

const manifest = (tag: string): string =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  image: ${image}:${tag} # {"$imagepolicy": "default:app"}\n`;

beforeAll(async () => {
  fx = await startClusterFixture();
  image = `${fx.sandbox.registryHost}/git/app`;
  await pushTags(fx.sandbox.registryHost, 'git/app', ['1.0.0', '1.1.0']);
  await applyImageObject(fx.resources, 'ImageRepository', 'app', { image, interval: '1h', insecure: true });
  await applyImageObject(fx.resources, 'ImagePolicy', 'app', {
    imageRepositoryRef: { name: 'app' },
    policy: { semver: { range: '*' } },
  });
  await waitForObject<ImageObject>(
    fx.resources,
    imageObjectRef('ImagePolicy', 'app'),
    (o) => o.status?.latestRef?.tag === '1.1.0',
  );
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

/** A repository and GitRepository `name` with the marked manifest, and an automation on it. */
async function scenario(name: string): Promise<AutomationRepo> {
  const repo = await seedRepository(fx, name, { 'app.yaml': manifest('1.0.0') });
  await applyGitRepository(fx, name, repo.url);
  return repo;
}

async function automate(name: string, git: Record<string, unknown>): Promise<void> {
  await applyImageObject(fx.resources, 'ImageUpdateAutomation', name, {
    interval: '1h',
    sourceRef: { kind: 'GitRepository', name },
    git: { commit: { author: { name: 'bot', email: 'bot@example.com' } }, ...git },
  });
}

const autoRef = (name: string): ReturnType<typeof imageObjectRef> =>
  imageObjectRef('ImageUpdateAutomation', name);

describe('ImageUpdateAutomation pushes as Flux does', () => {
  it('pushes to a branch of its own (force), observing the checkout revision', async () => {
    const repo = await scenario('to-branch');
    const main = await remoteHead(repo.url, 'main');
    await automate('to-branch', { checkout: { ref: { branch: 'main' } }, push: { branch: 'auto' } });
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      autoRef('to-branch'),
      (o) => ready(o)?.status === 'True',
    );
    expect(obj.status?.lastPushCommit).toBe(await remoteHead(repo.url, 'auto'));
    expect(obj.status?.observedSourceRevision).toBe(`main@sha1:${main}`);
    expect(await remoteHead(repo.url, 'main')).toBe(main);
    expect(await remoteFile(repo.url, 'auto', 'app.yaml')).toBe(manifest('1.1.0'));
    expect(await inClone(repo.url, 'auto', (_d, git) => git('log', '--format=%s'))).toBe(
      'Update from image update automation\nseed\n',
    );
  });

  it('pushes the refspec too, with push options, and says so in the event', async () => {
    const repo = await scenario('refspec');
    await run('git', ['--git-dir', repo.bareDir, 'config', 'receive.advertisePushOptions', 'true']);
    await installHook(
      repo.bareDir,
      'pre-receive',
      `#!/bin/sh\ni=0\nwhile [ "$i" -lt "\${GIT_PUSH_OPTION_COUNT:-0}" ]; do eval "echo \\$GIT_PUSH_OPTION_$i" >> "${join(repo.bareDir, 'push-options')}"; i=$((i+1)); done\n`,
    );
    await automate('refspec', {
      checkout: { ref: { branch: 'main' } },
      push: {
        branch: 'main',
        refspec: 'refs/heads/main:refs/heads/mirror',
        options: { 'ci.skip': 'true', 'merge_request.target': 'main' },
      },
    });
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      autoRef('refspec'),
      (o) => ready(o)?.status === 'True',
    );
    const head = await remoteHead(repo.url, 'main');
    expect(await remoteHead(repo.url, 'mirror')).toBe(head);
    expect(obj.status?.lastPushCommit).toBe(head);
    expect((await readFile(join(repo.bareDir, 'push-options'), 'utf8')).split('\n').filter(Boolean)).toEqual([
      'ci.skip=true',
      'merge_request.target=main',
      'ci.skip=true',
      'merge_request.target=main',
    ]);
    const events = await imageEvents(fx.resources, 'ImageUpdateAutomation', 'refspec');
    expect(events.map((e) => e.message)).toContain(
      `pushed commit '${head.slice(0, 7)}' to branch 'main' and refspecs 'refs/heads/main:refs/heads/mirror'\nUpdate from image update automation`,
    );
  });

  it('loses nothing when the remote moves under a push: the run fails, retries from a fresh clone and pushes', async () => {
    const repo = await scenario('moved');
    // A concurrent commit the server moves main to, once, while our push is being received.
    await repo.work.commit({ 'concurrent.txt': 'someone else\n' }, 'concurrent change');
    await repo.work.git('push', '-q', 'origin', 'HEAD:refs/heads/concurrent');
    await repo.work.git('reset', '-q', '--hard', 'HEAD~1');
    await repo.work.git('push', '-q', '--force', 'origin', 'HEAD:refs/heads/main');
    const marker = join(repo.bareDir, 'moved-once');
    await installHook(
      repo.bareDir,
      'pre-receive',
      `#!/bin/sh\nif [ ! -e "${marker}" ]; then touch "${marker}"; env -u GIT_QUARANTINE_PATH -u GIT_OBJECT_DIRECTORY -u GIT_ALTERNATE_OBJECT_DIRECTORIES git update-ref refs/heads/main refs/heads/concurrent; fi\n`,
    );
    await automate('moved', { checkout: { ref: { branch: 'main' } }, push: { branch: 'main' } });
    await waitForObject<ImageObject>(
      fx.resources,
      autoRef('moved'),
      (o) => o.status?.lastPushCommit !== undefined,
      60_000,
    );
    const warnings = (await imageEvents(fx.resources, 'ImageUpdateAutomation', 'moved')).filter(
      (e) => e.type === 'Warning',
    );
    expect(warnings[0]?.reason).toBe('GitOperationFailed');
    expect(warnings[0]?.message).toMatch(
      /^failed to update source: failed to push to remote '.*': remote rejected: refs\/heads\/main \(/,
    );
    const log = await inClone(repo.url, 'main', (_d, git) => git('log', '--format=%s'));
    expect(log).toBe('Update from image update automation\nconcurrent change\nseed\n');
    expect(await remoteFile(repo.url, 'main', 'concurrent.txt')).toBe('someone else\n');
  }, 90_000);

  it('reports a protected branch (rejected by the server) as GitOperationFailed', async () => {
    const repo = await scenario('protected');
    await installHook(
      repo.bareDir,
      'update',
      '#!/bin/sh\n[ "$1" = refs/heads/main ] && { echo "main is protected" >&2; exit 1; }\nexit 0\n',
    );
    await automate('protected', { checkout: { ref: { branch: 'main' } }, push: { branch: 'main' } });
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      autoRef('protected'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('GitOperationFailed');
    expect(ready(obj)?.message).toBe(
      `failed to update source: failed to push to remote '${repo.url}': remote rejected: refs/heads/main (hook declined)`,
    );
    expect(await remoteFile(repo.url, 'main', 'app.yaml')).toBe(manifest('1.0.0'));
  });

  it('reports a checkout branch that does not exist as GitOperationFailed', async () => {
    const repo = await scenario('missing');
    await automate('missing', { checkout: { ref: { branch: 'nope' } } });
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      autoRef('missing'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({
      reason: 'GitOperationFailed',
      message: `failed to checkout source: unable to clone '${repo.url}': couldn't find remote ref "refs/heads/nope"`,
    });
  });
});
