import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { formatDuration, SOURCE_API_VERSION, type KubeObject } from '@tideline/core';
import { CliError, UsageError } from './cli-error.js';
import {
  booleanFlag,
  durationFlag,
  listFlag,
  stringFlag,
  type CliCommand,
  type CommandContext,
} from './command.js';
import { CREATE_FLAGS, labelsFlag, runCreate, validateName } from './create-flow.js';
import { artifactLines, FETCH_TIMEOUT_FLAG, secretObject } from './create-source-parts.js';

/** The flags of `create source git` that shape the GitRepository. */
export interface GitSourceFlags {
  url?: string;
  branch?: string;
  tag?: string;
  semver?: string;
  refName?: string;
  commit?: string;
  secretRef?: string;
  intervalMs: number;
  fetchTimeoutMs?: number;
  recurseSubmodules?: boolean;
  ignorePaths?: string[];
  sparseCheckout?: string[];
  labels?: Record<string, string>;
}

/** The GitRepository `flux create source git` generates, with its validation messages. Pure. */
export function gitRepositoryFromFlags(
  name: string,
  namespace: string,
  flags: GitSourceFlags,
): KubeObject & { spec: Record<string, unknown> } {
  if (!flags.url) throw new UsageError('url is required');
  let url: URL;
  try {
    url = new URL(flags.url);
  } catch {
    throw new UsageError(`git URL parse failed: invalid URL "${flags.url}"`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!['ssh', 'http', 'https'].includes(scheme))
    throw new UsageError(`git URL scheme '${scheme}' not supported, can be: ssh, http and https`);
  if (!flags.branch && !flags.tag && !flags.semver && !flags.commit && !flags.refName)
    throw new UsageError(
      'a Git ref is required, use one of the following: --branch, --tag, --commit, --ref-name or --tag-semver',
    );
  // flux's precedence: commit (with its branch), ref name, semver, tag, branch.
  const ref = flags.commit
    ? { commit: flags.commit, ...(flags.branch ? { branch: flags.branch } : {}) }
    : flags.refName
      ? { name: flags.refName }
      : flags.semver
        ? { semver: flags.semver }
        : flags.tag
          ? { tag: flags.tag }
          : { branch: flags.branch };
  const spec: Record<string, unknown> = {
    url: flags.url,
    interval: formatDuration(flags.intervalMs),
    ref,
  };
  if (flags.fetchTimeoutMs) spec.timeout = formatDuration(flags.fetchTimeoutMs);
  if (flags.recurseSubmodules) spec.recurseSubmodules = true;
  if (flags.ignorePaths?.length) spec.ignore = flags.ignorePaths.join('\n');
  if (flags.sparseCheckout?.length) spec.sparseCheckout = flags.sparseCheckout;
  if (flags.secretRef) spec.secretRef = { name: flags.secretRef };
  return {
    apiVersion: SOURCE_API_VERSION,
    kind: 'GitRepository',
    metadata: { name, namespace, ...(flags.labels ? { labels: flags.labels } : {}) },
    spec,
  };
}

/**
 * The SSH server's host keys, as `known_hosts` lines (ssh-keyscan, argv only, 10 s cap). Not
 * synchronous: the event loop keeps running meanwhile (an in-process server must answer it).
 */
export async function scanHostKeys(url: URL): Promise<string> {
  const port = url.port || '22';
  try {
    const { stdout } = await promisify(execFile)('ssh-keyscan', ['-p', port, '-T', '5', '--', url.hostname], {
      encoding: 'utf8',
      timeout: 10_000,
      maxBuffer: 1024 * 1024,
    });
    if (!stdout.trim()) throw new Error('no host key');
    return stdout.trim() + '\n';
  } catch {
    throw new CliError(`could not collect the SSH host key of ${url.host}`);
  }
}

/** The Secret of `create source git` credentials flags (flux's `sourcesecret.GenerateGit` keys), if any. */
async function gitSecret(
  ctx: CommandContext,
  name: string,
  url: URL,
): Promise<(KubeObject & Record<string, unknown>) | undefined> {
  const username = stringFlag(ctx.flags, 'username');
  const password = stringFlag(ctx.flags, 'password');
  const keyFile = stringFlag(ctx.flags, 'private-key-file');
  const caFile = stringFlag(ctx.flags, 'ca-file');
  if (url.protocol === 'ssh:') {
    if (caFile) throw new UsageError('specifying a CA file is not supported for Git over SSH');
    if (!keyFile) return undefined;
    const identity = readSecretFile(keyFile, 'private key');
    const knownHosts = await scanHostKeys(url);
    ctx.say.success(`collected public key from SSH server:\n${knownHosts.trimEnd()}`);
    return secretObject(name, ctx.namespace, {
      identity,
      known_hosts: knownHosts,
      ...(password ? { password } : {}),
    });
  }
  if (!username && !password && !caFile) return undefined;
  if (url.protocol === 'http:')
    ctx.say.warning('insecure configuration: credentials configured for an HTTP URL');
  return secretObject(name, ctx.namespace, {
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(caFile ? { 'ca.crt': readSecretFile(caFile, 'TLS CA file') } : {}),
  });
}

/** A credentials file, with one clear line when it cannot be read (its content is never printed). */
export function readSecretFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`unable to read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

async function runCreateGit(ctx: CommandContext): Promise<number> {
  const name = validateName(ctx.positionals[0]);
  const object = gitRepositoryFromFlags(name, ctx.namespace, {
    url: stringFlag(ctx.flags, 'url'),
    branch: stringFlag(ctx.flags, 'branch'),
    tag: stringFlag(ctx.flags, 'tag'),
    semver: stringFlag(ctx.flags, 'tag-semver'),
    refName: stringFlag(ctx.flags, 'ref-name'),
    commit: stringFlag(ctx.flags, 'commit'),
    secretRef: stringFlag(ctx.flags, 'secret-ref'),
    intervalMs: durationFlag(ctx.flags, 'interval', '1m'),
    fetchTimeoutMs: stringFlag(ctx.flags, 'fetch-timeout')
      ? durationFlag(ctx.flags, 'fetch-timeout', '0')
      : undefined,
    recurseSubmodules: booleanFlag(ctx.flags, 'recurse-submodules'),
    ignorePaths: listFlag(ctx.flags, 'ignore-paths'),
    sparseCheckout: listFlag(ctx.flags, 'sparse-checkout-paths'),
    labels: labelsFlag(ctx),
  });
  const secret =
    booleanFlag(ctx.flags, 'export') || object.spec.secretRef
      ? undefined
      : await gitSecret(ctx, name, new URL(String(object.spec.url)));
  if (secret) object.spec.secretRef = { name };
  return runCreate(ctx, {
    object,
    secrets: secret ? [secret] : [],
    label: 'GitRepository source',
    readyLines: (obj) => artifactLines('GitRepository source', obj),
  });
}

/** `tideline create source git`. */
export const createSourceGitCommand: CliCommand = {
  path: ['create', 'source', 'git'],
  args: 'NAME',
  summary: 'Create or update a GitRepository source, as `flux create source git` does',
  description:
    'Credentials flags become a Secret named like the source (username/password, ca.crt; for ssh:// a\n' +
    '--private-key-file with the host key collected from the server). Nothing is applied unless the\n' +
    'cluster accepts every object in a dry-run first.',
  cluster: true,
  flags: [
    {
      name: 'url',
      type: 'string',
      value: 'URL',
      description: 'git address, e.g. ssh://git@host/org/repository',
    },
    { name: 'branch', type: 'string', value: 'BRANCH', description: 'git branch' },
    { name: 'tag', type: 'string', value: 'TAG', description: 'git tag' },
    { name: 'tag-semver', type: 'string', value: 'RANGE', description: 'git tag semver range' },
    { name: 'ref-name', type: 'string', value: 'REF', description: 'git reference name' },
    { name: 'commit', type: 'string', value: 'SHA', description: 'git commit' },
    {
      name: 'username',
      short: 'u',
      type: 'string',
      value: 'USER',
      description: 'basic authentication username',
    },
    {
      name: 'password',
      short: 'p',
      type: 'string',
      value: 'PASSWORD',
      description: 'basic authentication password',
    },
    {
      name: 'secret-ref',
      type: 'string',
      value: 'NAME',
      description: 'an existing Secret with the credentials',
    },
    {
      name: 'private-key-file',
      type: 'string',
      value: 'PATH',
      description: 'SSH private key for ssh:// URLs',
    },
    {
      name: 'ca-file',
      type: 'string',
      value: 'PATH',
      description: 'TLS CA file for self-signed certificates',
    },
    { name: 'recurse-submodules', type: 'boolean', description: 'include Git submodules in the artifact' },
    {
      name: 'ignore-paths',
      type: 'string',
      multiple: true,
      value: 'PATH',
      description: 'paths to ignore (.gitignore format)',
    },
    {
      name: 'sparse-checkout-paths',
      type: 'string',
      multiple: true,
      value: 'PATH',
      description: 'paths to check out',
    },
    FETCH_TIMEOUT_FLAG,
    ...CREATE_FLAGS,
  ],
  examples: [
    'tideline create source git podinfo --url=https://github.com/stefanprodan/podinfo --branch=master',
    'tideline create source git podinfo --url=ssh://git@host/org/repo --branch=main --private-key-file=./id_ecdsa',
  ],
  run: runCreateGit,
};
