import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { parseAllDocuments } from 'yaml';
import {
  kindDefinition,
  KUSTOMIZE_API_VERSION,
  redactUrlCredentials,
  runGit,
  type KubeObject,
  type Resources,
} from '@tideline/core';
import { bootstrapRequest, BOOTSTRAP_GIT_FLAGS, type BootstrapRequest } from './bootstrap-flags.js';
import { healthFailure, reportSyncHealth } from './bootstrap-health.js';
import { samePath, type SyncOptions } from './bootstrap-manifests.js';
import {
  cloneOrInit,
  commitSync,
  isNonFastForward,
  openRepository,
  pushSync,
  writeSyncFiles,
  type RepositoryAuth,
  type RepositoryClient,
} from './bootstrap-repository.js';
import { CliError, ExitCode, UsageError } from './cli-error.js';
import type { CliCommand, CommandContext } from './command.js';
import { readSecretFile, scanHostKeys } from './create-source-git.js';
import { secretObject } from './create-source-parts.js';
import { pinnedTool } from './pinned-tools.js';

const run = promisify(execFile);

/** Field manager of what bootstrap applies (flux's `utils.Apply` owner is `flux`). */
const FIELD_MANAGER = 'flux';

/** What the git part of bootstrap produced: the commit the branch now points to, and where. */
interface Synced {
  head: string;
  kustomizationDir: string;
}

/** Refuses, as flux does, to point an existing sync Kustomization at another path. */
async function refuseOtherPath(resources: Resources, options: SyncOptions): Promise<void> {
  const ks = await resources.get<KubeObject & { spec?: { path?: string } }>({
    apiVersion: KUSTOMIZE_API_VERSION,
    kind: 'Kustomization',
    namespace: options.namespace,
    name: options.name,
  });
  const current = ks?.spec?.path ?? '';
  if (ks && !samePath(options.targetPath, current))
    throw new CliError(
      `sync path configuration ("${options.targetPath}") would overwrite path ("${current}") of existing Kustomization`,
    );
}

/** Clones (flux's one retry after 2 s, each failure a `⚠️  clone failure` line). */
async function cloneWithRetry(ctx: CommandContext, repo: RepositoryClient, dir: string): Promise<void> {
  ctx.say.action(`cloning branch "${repo.branch}" from Git repository "${redactUrlCredentials(repo.url)}"`);
  for (let attempt = 0; ; attempt++) {
    await rm(dir, { recursive: true, force: true });
    try {
      await cloneOrInit(repo, dir);
      ctx.say.success('cloned repository');
      return;
    } catch (error) {
      const message = (error as Error).message;
      ctx.say.warning(` clone failure: ${message}`);
      if (attempt >= 1) throw new CliError(`failed to clone repository: ${message}`);
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}

/** flux's `ReconcileSyncConfig` git half: generate, commit, push (a moved branch: once more from a fresh clone). */
async function syncRepository(
  ctx: CommandContext,
  repo: RepositoryClient,
  work: string,
  request: BootstrapRequest,
  options: SyncOptions,
): Promise<Synced> {
  const dir = join(work, 'repo');
  for (let attempt = 0; ; attempt++) {
    await cloneWithRetry(ctx, repo, dir);
    ctx.say.action('generating sync manifests');
    const kfile = await writeSyncFiles(dir, options);
    ctx.say.success('generated sync manifests');
    const commit = await commitSync(repo, dir, {
      authorName: request.author.name,
      authorEmail: request.author.email,
      message: request.commitMessage,
    });
    const synced = async (): Promise<Synced> => ({
      head: (await runGit(['rev-parse', 'HEAD'], { ...repo.git, cwd: dir })).trim(),
      kustomizationDir: dirname(kfile),
    });
    if (!commit) {
      ctx.say.success('sync manifests are up to date');
      return synced();
    }
    ctx.say.success(`committed sync manifests to "${repo.branch}" ("${commit}")`);
    ctx.say.action(`pushing sync manifests to "${redactUrlCredentials(repo.url)}"`);
    try {
      await pushSync(repo, dir);
      return await synced();
    } catch (error) {
      if (!isNonFastForward(error) || attempt >= 1)
        throw new CliError(`failed to push sync manifests: ${(error as Error).message}`);
      ctx.say.waiting('git conflict detected, retrying with a fresh clone');
    }
  }
}

/** The git transport's auth from the flags; an SSH host key is collected from the server, as flux does. */
async function repositoryAuth(request: BootstrapRequest): Promise<RepositoryAuth> {
  if (request.url.protocol !== 'ssh:')
    return { credentials: { kind: 'basic', username: request.username, password: request.password ?? '' } };
  const identity = readSecretFile(request.privateKeyFile ?? '', 'private key');
  return {
    ssh: {
      identity,
      knownHosts: await scanHostKeys(request.url),
      ...(request.password ? { password: request.password } : {}),
    },
  };
}

/** The Secret flux's `sourcesecret.GenerateGit` writes for these credentials (never printed). */
function sourceSecret(request: BootstrapRequest, auth: RepositoryAuth, namespace: string): KubeObject {
  const data: Record<string, string> = auth.ssh
    ? {
        identity: auth.ssh.identity,
        known_hosts: auth.ssh.knownHosts,
        ...(auth.ssh.password ? { password: auth.ssh.password } : {}),
      }
    : { username: request.username, password: request.password ?? '' };
  return secretObject(request.secretName, namespace, data);
}

/** flux's `ReconcileSourceSecret`: kept when it exists and no credentials were given, else written. */
async function reconcileSourceSecret(
  ctx: CommandContext,
  resources: Resources,
  request: BootstrapRequest,
  secret: KubeObject,
): Promise<void> {
  const key = `${ctx.namespace}/${request.secretName}`;
  ctx.say.action(`determining if source secret "${key}" exists`);
  const exists = await resources.get({
    apiVersion: 'v1',
    kind: 'Secret',
    namespace: ctx.namespace,
    name: request.secretName,
  });
  if (exists && !request.password && !request.privateKeyFile) {
    ctx.say.success('source secret up to date');
    return;
  }
  ctx.say.action('generating source secret');
  ctx.say.action(`applying source secret "${key}"`);
  await resources.apply(secret, { fieldManager: FIELD_MANAGER, force: true });
  ctx.say.success('reconciled source secret');
}

/** Builds the sync directory with the pinned kubectl's kustomize (argv only, time and byte caps). */
async function buildSyncObjects(dir: string, timeoutMs: number): Promise<KubeObject[]> {
  const { stdout } = await run(pinnedTool('kubectl'), ['kustomize', '--', dir], {
    timeout: timeoutMs,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: unknown) => {
    throw new CliError(
      `kustomize build failed: ${String((error as { stderr?: string }).stderr ?? error).trim()}`,
    );
  });
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJS() as KubeObject | null)
    .filter((obj): obj is KubeObject => obj !== null && typeof obj === 'object');
}

/** Applies every object after a server-side dry-run of all of them passed (nothing half-applies). */
async function applyAll(resources: Resources, objects: readonly KubeObject[]): Promise<void> {
  for (const obj of objects)
    await resources
      .apply(obj, { fieldManager: FIELD_MANAGER, force: true, dryRun: true })
      .catch((error: unknown) => {
        throw new CliError(
          `${obj.kind} '${obj.metadata.name}' rejected by the cluster: ${(error as Error).message}`,
        );
      });
  for (const obj of objects) await resources.apply(obj, { fieldManager: FIELD_MANAGER, force: true });
}

/** Creates the namespace when missing (flux's comes with its components; Tideline has none to apply). */
async function ensureNamespace(resources: Resources, namespace: string): Promise<void> {
  const ref = { apiVersion: 'v1', kind: 'Namespace', name: namespace };
  if (await resources.get(ref)) return;
  await resources.apply(
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } },
    { fieldManager: FIELD_MANAGER },
  );
}

/** Waits for the GitRepository, then the Kustomization, as flux's `bootstrap.Run`; every failure counted. */
async function reportHealth(
  ctx: CommandContext,
  resources: Resources,
  options: SyncOptions,
  expectRevision: string,
  deadline: number,
): Promise<number> {
  const failures: string[] = [];
  for (const kind of ['GitRepository', 'Kustomization']) {
    const definition = kindDefinition(kind);
    if (!definition) throw new Error(`unknown kind ${kind}`);
    const failure = await reportSyncHealth(resources, ctx.say, definition, options, {
      expectRevision,
      deadline,
    });
    if (failure) failures.push(failure);
  }
  if (failures.length > 0) throw new CliError(healthFailure(failures));
  return ExitCode.ok;
}

/** `tideline bootstrap git`: flux's plain-git bootstrap, writing and reconciling only the sync manifests. */
async function runBootstrapGit(ctx: CommandContext): Promise<number> {
  if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument "${ctx.positionals[0] ?? ''}"`);
  const request = bootstrapRequest(ctx.flags);
  const deadline = Date.now() + ctx.timeoutMs;
  for (const flag of request.ignored)
    ctx.say.warning(
      `${flag} ignored: Tideline's engine runs every controller, there are no components to add`,
    );
  const options: SyncOptions = {
    name: ctx.namespace,
    namespace: ctx.namespace,
    url: request.syncUrl,
    branch: request.branch,
    secretName: request.secretName,
    intervalMs: request.intervalMs,
    targetPath: request.targetPath,
  };
  const resources = await ctx.cluster();
  await refuseOtherPath(resources, options);
  const auth = await repositoryAuth(request);
  const work = await mkdtemp(join(tmpdir(), 'tideline-bootstrap-'));
  const repo = await openRepository(
    work,
    { url: request.url.href, branch: request.branch },
    auth,
    ctx.timeoutMs,
  );
  try {
    const synced = await syncRepository(ctx, repo, work, request, options);
    await ensureNamespace(resources, ctx.namespace);
    await reconcileSourceSecret(ctx, resources, request, sourceSecret(request, auth, ctx.namespace));
    ctx.say.action('applying sync manifests');
    await applyAll(resources, await buildSyncObjects(synced.kustomizationDir, ctx.timeoutMs));
    ctx.say.success('reconciled sync configuration');
    return await reportHealth(ctx, resources, options, `${request.branch}@sha1:${synced.head}`, deadline);
  } finally {
    await repo.dispose();
    await rm(work, { recursive: true, force: true });
  }
}

/** `tideline bootstrap git`. */
export const bootstrapGitCommand: CliCommand = {
  path: ['bootstrap', 'git'],
  args: '',
  summary: 'Write the sync manifests to a Git repository and reconcile them, as `flux bootstrap git` does',
  description:
    'Clones the branch (a new one when the repository is empty), writes <path>/flux-system/gotk-sync.yaml\n' +
    '(GitRepository and Kustomization flux-system) and a kustomization.yaml listing it, commits\n' +
    '"Add Flux sync manifests", pushes, writes the credentials Secret, applies, and waits for both to\n' +
    "reconcile the pushed commit. Tideline's engine is the controllers, so no gotk-components.yaml is\n" +
    'written. Re-running changes nothing when the manifests are up to date.',
  cluster: true,
  flags: BOOTSTRAP_GIT_FLAGS,
  examples: [
    'tideline bootstrap git --url=https://example.com/repository.git --password=<token> --path=clusters/my-cluster',
    'tideline bootstrap git --url=ssh://git@example.com/repository.git --private-key-file=./id_ecdsa --path=clusters/my-cluster',
  ],
  complete: 'none',
  run: runBootstrapGit,
};
