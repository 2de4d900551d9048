import { UsageError } from './cli-error.js';
import {
  booleanFlag,
  durationFlag,
  listFlag,
  stringFlag,
  type FlagSpec,
  type FlagValues,
} from './command.js';
import { safeRelativePath } from './bootstrap-manifests.js';

/** What `bootstrap git`'s flags ask for, checked. */
export interface BootstrapRequest {
  /** The URL as given: what git clones and pushes to, and what the progress lines name. */
  url: URL;
  /** The URL the GitRepository syncs from (flux's rewrite: no userinfo over HTTP(S)). */
  syncUrl: string;
  branch: string;
  targetPath: string;
  intervalMs: number;
  username: string;
  password?: string;
  privateKeyFile?: string;
  secretName: string;
  author: { name: string; email: string };
  commitMessage: string;
  /** Flags that name Flux's own controllers, which Tideline does not install. */
  ignored: string[];
}

/** `bootstrap git`'s flags: flux's names and defaults for those that apply to Tideline. */
export const BOOTSTRAP_GIT_FLAGS: readonly FlagSpec[] = [
  { name: 'url', type: 'string', value: 'URL', description: 'Git repository URL' },
  { name: 'branch', type: 'string', default: 'main', value: 'BRANCH', description: 'Git branch' },
  {
    name: 'path',
    type: 'string',
    default: '',
    value: 'PATH',
    description:
      'path relative to the repository root, when specified the cluster sync will be scoped to this path',
  },
  { name: 'interval', type: 'string', default: '1m0s', value: 'DURATION', description: 'sync interval' },
  {
    name: 'username',
    short: 'u',
    type: 'string',
    default: 'git',
    value: 'USER',
    description: 'basic authentication username',
  },
  {
    name: 'password',
    short: 'p',
    type: 'string',
    value: 'PASSWORD',
    description: 'basic authentication password (default: $GIT_PASSWORD)',
  },
  {
    name: 'token-auth',
    type: 'boolean',
    description: 'use the password as an HTTP(S) token (always so for http(s) URLs here)',
  },
  {
    name: 'private-key-file',
    type: 'string',
    value: 'PATH',
    description: 'path to a private key file used for authenticating to the Git SSH server',
  },
  { name: 'allow-insecure-http', type: 'boolean', description: 'allows insecure HTTP connections' },
  {
    name: 'silent',
    short: 's',
    type: 'boolean',
    description: 'skips confirmation (Tideline never generates a deploy key, so never asks)',
  },
  {
    name: 'components-extra',
    type: 'string',
    multiple: true,
    value: 'LIST',
    description: "accepted and ignored: Tideline's engine runs every controller",
  },
  {
    name: 'secret-name',
    type: 'string',
    default: 'flux-system',
    value: 'NAME',
    description: 'name of the secret the sync credentials can be found in or stored to',
  },
  {
    name: 'author-name',
    type: 'string',
    default: 'Flux',
    value: 'NAME',
    description: 'author name for Git commits',
  },
  {
    name: 'author-email',
    type: 'string',
    default: '',
    value: 'EMAIL',
    description: 'author email for Git commits',
  },
  {
    name: 'commit-message-appendix',
    type: 'string',
    value: 'TEXT',
    description: "string to add to the commit messages, e.g. '[ci skip]'",
  },
];

/**
 * Checks the flags as flux's `bootstrap git` does: an http:// URL needs `--allow-insecure-http`,
 * only http, https and ssh are spoken, ssh needs `--private-key-file` (flux would generate a
 * deploy key and wait for it to be added; Tideline asks for the key instead). Pure but for
 * `env` (`GIT_PASSWORD`, as flux).
 */
export function bootstrapRequest(
  flags: FlagValues,
  env: Readonly<Record<string, string | undefined>> = process.env,
): BootstrapRequest {
  const raw = stringFlag(flags, 'url');
  if (!raw) throw new UsageError('required flag(s) "url" not set');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`invalid URL "${raw}"`);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme === 'http' && !booleanFlag(flags, 'allow-insecure-http'))
    throw new UsageError('scheme http is insecure, pass --allow-insecure-http=true to allow it');
  if (!['http', 'https', 'ssh'].includes(scheme)) throw new UsageError(`scheme "${scheme}" is not supported`);
  const privateKeyFile = stringFlag(flags, 'private-key-file');
  if (scheme === 'ssh' && !privateKeyFile)
    throw new UsageError(
      '--private-key-file is required for ssh:// URLs (Tideline does not generate deploy keys)',
    );
  const username = stringFlag(flags, 'username') ?? 'git';
  const password = stringFlag(flags, 'password') || env.GIT_PASSWORD || undefined;
  const appendix = stringFlag(flags, 'commit-message-appendix');
  return {
    url,
    syncUrl: syncUrl(url, username),
    branch: stringFlag(flags, 'branch') || 'main',
    targetPath: safeRelativePath(stringFlag(flags, 'path') ?? ''),
    intervalMs: durationFlag(flags, 'interval', '1m0s'),
    username,
    ...(password ? { password } : {}),
    ...(privateKeyFile ? { privateKeyFile } : {}),
    secretName: stringFlag(flags, 'secret-name') || 'flux-system',
    author: {
      name: stringFlag(flags, 'author-name') ?? 'Flux',
      email: stringFlag(flags, 'author-email') ?? '',
    },
    commitMessage: `Add Flux sync manifests${appendix ? `\n\n${appendix}` : ''}`,
    ignored: listFlag(flags, 'components-extra').length > 0 ? ['--components-extra'] : [],
  };
}

/**
 * The GitRepository's URL, as flux rewrites it: over HTTP(S) the userinfo is dropped (the
 * credentials live in the Secret); over SSH the user is kept, or `--username` when it is not
 * the default `git`. Pure.
 */
export function syncUrl(url: URL, username: string): string {
  const out = new URL(url.href);
  if (out.protocol === 'ssh:') {
    if (!out.username || username !== 'git') out.username = username;
    out.password = '';
  } else {
    out.username = '';
    out.password = '';
  }
  return out.href;
}
