import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KUSTOMIZE_API_VERSION } from '../../api/kustomize-v1.js';
import { SOURCE_API_VERSION } from '../../api/source-v1.js';
import type { KubeObject } from '../../kube/objects.js';
import {
  applyGitRepository,
  inClone,
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

let fx: ClusterFixture;
let host: string;
let repo: AutomationRepo;

const deployment = (image: string): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-app
  namespace: default
  labels:
    app: my-app
spec:
  replicas: 1
  selector:
    matchLabels:
      app: my-app
  template:
    metadata:
      labels:
        app: my-app
    spec:
      containers:
        - name: my-app
          image: ${image} # {"$imagepolicy": "default:my-app"}
          ports:
            - containerPort: 8080
`;

const GUIDE_TEMPLATE = 'chore: update my-app to {{range .Changed.Changes}}{{.NewValue}}{{end}}';

beforeAll(async () => {
  fx = await startClusterFixture();
  host = fx.sandbox.registryHost;
  await pushTags(host, 'team/my-app', ['v1.0.0', 'v1.0.1', '2.0.0']);
  repo = await seedRepository(fx, 'apps', {
    'apps/my-app/deployment.yaml': deployment(`${host}/team/my-app:v1.0.0`),
    'apps/my-app/kustomization.yaml':
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\n',
    'apps/other.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\ndata:\n  image: keep:v1 # {"$imagepolicy": "default:nope"}\n',
    'elsewhere/app.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: elsewhere\ndata:\n  image: ${host}/team/my-app:v1.0.0 # {"$imagepolicy": "default:elsewhere"}\n`,
  });
  await applyGitRepository(fx, 'apps', repo.url);
  await fx.resources.apply(
    {
      apiVersion: KUSTOMIZE_API_VERSION,
      kind: 'Kustomization',
      metadata: { name: 'apps', namespace: 'default' },
      spec: {
        interval: '10m',
        path: './apps/my-app',
        prune: true,
        sourceRef: { kind: 'GitRepository', name: 'apps' },
      },
    },
    { fieldManager: 'test' },
  );
  await applyImageObject(fx.resources, 'ImageRepository', 'my-app', {
    image: `${host}/team/my-app`,
    interval: '1h',
    insecure: true,
  });
}, 120_000);

afterAll(async () => {
  await fx?.stop();
});

const autoRef = (name: string): ReturnType<typeof imageObjectRef> =>
  imageObjectRef('ImageUpdateAutomation', name);

/** The guide's automation (at `apiVersion`), with `extra` spec fields merged in. */
async function automation(
  name: string,
  extra: Record<string, unknown> = {},
  apiVersion?: string,
): Promise<void> {
  await applyImageObject(
    fx.resources,
    'ImageUpdateAutomation',
    name,
    {
      interval: '30m',
      sourceRef: { kind: 'GitRepository', name: 'apps' },
      git: {
        checkout: { ref: { branch: 'main' } },
        commit: { author: { name: 'fluxcdbot', email: 'flux@myorg.com' }, messageTemplate: GUIDE_TEMPLATE },
        push: { branch: 'main' },
      },
      update: { path: './apps', strategy: 'Setters' },
      ...extra,
    },
    { apiVersion },
  );
}

describe('ImageUpdateAutomation: the guide, end to end on the sandbox', () => {
  it('resolves the policy, commits and pushes the new tag, and the loop applies it', async () => {
    const started = Date.now();
    await applyImageObject(
      fx.resources,
      'ImagePolicy',
      'my-app',
      { imageRepositoryRef: { name: 'my-app' }, policy: { semver: { range: '1.x' } } },
      { apiVersion: 'image.toolkit.fluxcd.io/v1beta2' },
    );
    await automation('my-app', {}, 'image.toolkit.fluxcd.io/v1beta2');
    const auto = await waitForObject<ImageObject>(
      fx.resources,
      autoRef('my-app'),
      (o) => o.status?.lastPushCommit !== undefined,
    );
    const head = await remoteHead(repo.url, 'main');
    expect(auto.status?.lastPushCommit).toBe(head);
    expect(await remoteFile(repo.url, 'main', 'apps/my-app/deployment.yaml')).toBe(
      deployment(`${host}/team/my-app:v1.0.1`),
    );
    const message = await inClone(repo.url, 'main', (_d, git) => git('log', '-1', '--format=%an <%ae>%n%B'));
    expect(message).toBe(`fluxcdbot <flux@myorg.com>\nchore: update my-app to ${host}/team/my-app:v1.0.1\n`);
    const done = await waitForObject<ImageObject>(
      fx.resources,
      autoRef('my-app'),
      (o) => ready(o)?.status === 'True',
    );
    expect(ready(done)).toMatchObject({ reason: 'Succeeded', message: 'repository up-to-date' });
    expect(done.status?.observedSourceRevision).toBe(`main@sha1:${head}`);
    expect(done.status?.observedPolicies).toEqual({
      'my-app': { name: `${host}/team/my-app`, tag: 'v1.0.1' },
    });
    const events = await imageEvents(fx.resources, 'ImageUpdateAutomation', 'my-app');
    expect(events).toContainEqual({
      type: 'Normal',
      reason: 'Succeeded',
      message: `pushed commit '${head.slice(0, 7)}' to branch 'main'\nchore: update my-app to ${host}/team/my-app:v1.0.1`,
      source: 'image-automation-controller',
    });
    // The loop, event-driven: the GitRepository (interval 10m) fetches the push at once, the Kustomization applies it.
    await waitForObject<KubeObject & { status?: { artifact?: { revision?: string } } }>(
      fx.resources,
      { apiVersion: SOURCE_API_VERSION, kind: 'GitRepository', namespace: 'default', name: 'apps' },
      (o) => o.status?.artifact?.revision === `main@sha1:${head}`,
      30_000,
    );
    const deployed = await waitForObject<
      KubeObject & { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } }
    >(
      fx.resources,
      { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'my-app' },
      (o) => o.spec?.template?.spec?.containers?.[0]?.image === `${host}/team/my-app:v1.0.1`,
      30_000,
    );
    expect(deployed.metadata.name).toBe('my-app');
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 90_000);

  it('follows a new tag by itself: scan → policy → automation → push, and leaves markers of unknown policies alone', async () => {
    await pushTags(host, 'team/my-app', ['v1.0.2']);
    await fx.resources.mergePatch(imageObjectRef('ImageRepository', 'my-app'), {
      metadata: { annotations: { 'reconcile.fluxcd.io/requestedAt': 'tag-2' } },
    });
    await waitForObject<ImageObject>(
      fx.resources,
      autoRef('my-app'),
      (o) => o.status?.observedPolicies?.['my-app']?.tag === 'v1.0.2',
      30_000,
    );
    expect(await remoteFile(repo.url, 'main', 'apps/my-app/deployment.yaml')).toContain(
      `${host}/team/my-app:v1.0.2 #`,
    );
    expect(await remoteFile(repo.url, 'main', 'apps/other.yaml')).toContain('image: keep:v1 #');
  }, 60_000);

  it('stalls on the removed .Updated field, pushing nothing', async () => {
    await applyImageObject(fx.resources, 'ImagePolicy', 'elsewhere', {
      imageRepositoryRef: { name: 'my-app' },
      policy: { semver: { range: '1.0.x' } },
    });
    const before = await remoteHead(repo.url, 'main');
    await automation('removed-field', {
      update: { path: './elsewhere', strategy: 'Setters' },
      git: {
        checkout: { ref: { branch: 'main' } },
        commit: {
          author: { email: 'flux@myorg.com' },
          messageTemplate: '{{ range .Updated.Images }}{{ . }}{{ end }}',
        },
      },
    });
    const stalled = await waitForObject<ImageObject>(
      fx.resources,
      autoRef('removed-field'),
      (o) => ready(o)?.reason === 'RemovedTemplateField',
      30_000,
    );
    expect(ready(stalled)?.message).toBe(
      "template uses removed '.Updated' field. Please use '.Changed' instead. See: https://fluxcd.io/flux/components/image/imageupdateautomations/#message-template",
    );
    expect(stalled.status?.conditions?.find((c) => c.type === 'Stalled')?.reason).toBe(
      'RemovedTemplateField',
    );
    expect(await remoteHead(repo.url, 'main')).toBe(before);
    expect(await remoteFile(repo.url, 'main', 'elsewhere/app.yaml')).toContain('my-app:v1.0.0 #');
  }, 60_000);

  it.each([
    ['../outside', "failed to apply policies: update path '../outside' points outside the repository"],
    ['./missing', 'failed to apply policies: walking path for files: lstat'],
  ])('refuses update.path %s (UpdateFailed)', async (path, message) => {
    const name = `path-${path.replace(/[^a-z]/g, '')}`;
    await automation(name, { update: { path, strategy: 'Setters' } });
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      autoRef(name),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)?.reason).toBe('UpdateFailed');
    expect(ready(obj)?.message).toContain(message);
  });

  it('refuses an update.path that is a symlink out of the repository', async () => {
    await repo.work.git('pull', '-q', 'origin', 'main');
    await symlink('/etc', join(repo.work.dir, 'escape'));
    await repo.work.commit({}, 'add a symlink out');
    await automation('symlink', { update: { path: './escape', strategy: 'Setters' } });
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      autoRef('symlink'),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({
      reason: 'UpdateFailed',
      message:
        "failed to apply policies: update path './escape' resolves through a symlink outside the repository",
    });
  });

  it.each([
    [
      { policySelector: { matchExpressions: [{ key: 'a', operator: 'Has' }] } },
      'InvalidPolicySelector',
      'failed to parse policy selector: "Has" is not a valid label selector operator',
      true,
    ],
    [
      { sourceRef: { kind: 'GitRepository', name: 'ghost' } },
      'SourceManagerFailed',
      'failed configuring source manager: referenced git repository does not exist: gitrepositories.source.toolkit.fluxcd.io "ghost" not found',
      false,
    ],
    [
      { git: undefined },
      'InvalidSourceConfiguration',
      "source kind 'GitRepository' necessitates field .spec.git: invalid source configuration",
      true,
    ],
  ])('reports %j as %s', async (extra, reason, message, stalls) => {
    const name = `bad-${reason.toLowerCase()}`;
    await automation(name, extra);
    const obj = await waitForObject<ImageObject>(
      fx.resources,
      autoRef(name),
      (o) => ready(o)?.status === 'False',
    );
    expect(ready(obj)).toMatchObject({ reason, message });
    expect(obj.status?.conditions?.some((c) => c.type === 'Stalled')).toBe(stalls);
  });
});
