import {
  compileGoRegexp,
  formatDuration,
  IMAGE_API_VERSION,
  IMAGE_AUTOMATION_API_VERSION,
  parseImageName,
  type KubeObject,
} from '@tideline/core';
import { UsageError } from './cli-error.js';

/** An object `flux create image …` generates. */
export type ImageObject = KubeObject & { spec: Record<string, unknown> };

const meta = (name: string, namespace: string, labels?: Record<string, string>) => ({
  name,
  namespace,
  ...(labels ? { labels } : {}),
});

/** The ImageRepository `flux create image repository` generates; throws flux's messages. Pure. */
export function imageRepositoryFromFlags(
  name: string,
  namespace: string,
  flags: {
    image?: string;
    intervalMs: number;
    secretRef?: string;
    certSecretRef?: string;
    scanTimeoutMs?: number;
    labels?: Record<string, string>;
  },
): ImageObject {
  if (!flags.image) throw new UsageError('an image repository (--image) is required');
  try {
    parseImageName(flags.image);
  } catch (error) {
    throw new UsageError(`unable to parse image value: ${(error as Error).message}`);
  }
  const spec: Record<string, unknown> = { image: flags.image, interval: formatDuration(flags.intervalMs) };
  if (flags.scanTimeoutMs) spec.timeout = formatDuration(flags.scanTimeoutMs);
  if (flags.secretRef) spec.secretRef = { name: flags.secretRef };
  if (flags.certSecretRef) spec.certSecretRef = { name: flags.certSecretRef };
  return {
    apiVersion: IMAGE_API_VERSION,
    kind: 'ImageRepository',
    metadata: meta(name, namespace, flags.labels),
    spec,
  };
}

/** The flags of `create image policy`. */
export interface ImagePolicyFlags {
  imageRef?: string;
  semver?: string;
  alpha?: string;
  numeric?: string;
  filterRegex?: string;
  filterExtract?: string;
  reflectDigest?: string;
  intervalMs?: number;
  labels?: Record<string, string>;
}

/** `spec.policy` from the `--select-*` flags, in flux's words. Pure. */
function selectPolicy(flags: ImagePolicyFlags): Record<string, unknown> {
  const given = [flags.semver, flags.alpha, flags.numeric].filter((v) => v);
  // flux's switch lets semver together with alpha or numeric through with no policy at all
  // (empty Go cases); we refuse every pair, as its message says.
  if (given.length > 1)
    throw new UsageError('only one of --select-semver, --select-alpha or --select-numeric can be specified');
  if (flags.semver) return { semver: { range: flags.semver } };
  for (const [flag, value, key] of [
    ['alpha', flags.alpha, 'alphabetical'],
    ['numeric', flags.numeric, 'numerical'],
  ] as const) {
    if (!value) continue;
    if (value !== 'asc' && value !== 'desc')
      throw new UsageError(`--select-${flag} must be one of ["asc", "desc"]`);
    return { [key]: { order: value } };
  }
  throw new UsageError('a policy must be provided with either --select-semver or --select-alpha');
}

/** The ImagePolicy `flux create image policy` generates; throws flux's messages. Pure. */
export function imagePolicyFromFlags(name: string, namespace: string, flags: ImagePolicyFlags): ImageObject {
  if (!flags.imageRef)
    throw new UsageError('the name of an ImageRepository in the namespace is required (--image-ref)');
  const spec: Record<string, unknown> = {
    imageRepositoryRef: { name: flags.imageRef },
    policy: selectPolicy(flags),
  };
  if (flags.filterRegex) {
    let names: readonly string[];
    try {
      names = compileGoRegexp(flags.filterRegex).subexpNames;
    } catch {
      throw new UsageError('--filter-regex is an invalid regex pattern');
    }
    const filterTags: Record<string, string> = { pattern: flags.filterRegex };
    if (flags.filterExtract) {
      validateExtract(flags.filterExtract, names);
      filterTags.extract = flags.filterExtract;
    }
    spec.filterTags = filterTags;
  } else if (flags.filterExtract) {
    throw new UsageError('cannot specify --filter-extract without specifying --filter-regex');
  }
  if (flags.reflectDigest) {
    if (!['Never', 'IfNotPresent', 'Always'].includes(flags.reflectDigest))
      throw new UsageError(
        "invalid value for --reflect-digest, must be one of 'Never', 'IfNotPresent', 'Always'",
      );
    spec.digestReflectionPolicy = flags.reflectDigest;
  }
  if (flags.intervalMs) {
    if (flags.reflectDigest !== 'Always')
      throw new UsageError(
        "the --interval flag can only be used with the 'Always' digest reflection policy, use --reflect-digest=Always",
      );
    spec.interval = formatDuration(flags.intervalMs);
  }
  return {
    apiVersion: IMAGE_API_VERSION,
    kind: 'ImagePolicy',
    metadata: meta(name, namespace, flags.labels),
    spec,
  };
}

const GROUP_NAME = /^[\p{L}\p{Nd}_]+/u;

/**
 * flux's dry run of `--filter-extract`: every `$name`/`${name}` must name a group of the
 * pattern (numbers are not checked, `$$` is a dollar), else its message. Pure.
 */
export function validateExtract(template: string, groupNames: readonly string[]): void {
  let rest = template;
  for (let i = rest.indexOf('$'); i >= 0; i = rest.indexOf('$')) {
    rest = rest.slice(i);
    if (rest.startsWith('$$')) {
      rest = rest.slice(2);
      continue;
    }
    const brace = rest[1] === '{';
    const body = rest.slice(brace ? 2 : 1);
    const groupName = GROUP_NAME.exec(body)?.[0];
    if (!groupName || (brace && body[groupName.length] !== '}'))
      throw new UsageError('--filter-extract is malformed');
    rest = body.slice(groupName.length + (brace ? 1 : 0));
    const numeric = /^(0|[1-9][0-9]{0,8})$/.test(groupName);
    if (!numeric && !groupNames.includes(groupName))
      throw new UsageError(
        `capture group $${groupName} used in --filter-extract not found in --filter-regex`,
      );
  }
}

/** The flags of `create image update`. */
export interface ImageUpdateFlags {
  gitRepoRef?: string;
  gitRepoNamespace?: string;
  gitRepoPath?: string;
  checkoutBranch?: string;
  pushBranch?: string;
  commitTemplate?: string;
  authorName?: string;
  authorEmail?: string;
  signingKeySecret?: string;
  signingKeyType?: string;
  intervalMs: number;
  labels?: Record<string, string>;
}

/** Flux's required-flag checks of `create image update`, in its order. Pure. */
function checkUpdateFlags(flags: ImageUpdateFlags): void {
  if (!flags.gitRepoRef) throw new UsageError('a reference to a GitRepository is required (--git-repo-ref)');
  if (!flags.checkoutBranch)
    throw new UsageError('the Git repository branch is required (--checkout-branch)');
  if (!flags.authorName) throw new UsageError('the author name is required (--author-name)');
  if (!flags.authorEmail) throw new UsageError('the author email is required (--author-email)');
  if (flags.signingKeyType && !flags.signingKeySecret)
    throw new UsageError('--signing-key-type requires --signing-key-secret');
  if (flags.signingKeyType && flags.signingKeyType !== 'gpg' && flags.signingKeyType !== 'ssh')
    throw new UsageError('--signing-key-type must be one of: gpg, ssh');
}

/** The ImageUpdateAutomation `flux create image update` generates; throws flux's messages. Pure. */
export function imageUpdateFromFlags(name: string, namespace: string, flags: ImageUpdateFlags): ImageObject {
  checkUpdateFlags(flags);
  const commit: Record<string, unknown> = {
    author: { name: flags.authorName, email: flags.authorEmail },
  };
  if (flags.commitTemplate) commit.messageTemplate = flags.commitTemplate;
  if (flags.signingKeySecret)
    commit.signingKey = {
      secretRef: { name: flags.signingKeySecret },
      ...(flags.signingKeyType ? { type: flags.signingKeyType } : {}),
    };
  const git: Record<string, unknown> = { checkout: { ref: { branch: flags.checkoutBranch } }, commit };
  if (flags.pushBranch) git.push = { branch: flags.pushBranch };
  const spec: Record<string, unknown> = {
    sourceRef: {
      kind: 'GitRepository',
      name: flags.gitRepoRef,
      ...(flags.gitRepoNamespace ? { namespace: flags.gitRepoNamespace } : {}),
    },
    git,
    interval: formatDuration(flags.intervalMs),
  };
  if (flags.gitRepoPath) spec.update = { path: flags.gitRepoPath, strategy: 'Setters' };
  return {
    apiVersion: IMAGE_AUTOMATION_API_VERSION,
    kind: 'ImageUpdateAutomation',
    metadata: meta(name, namespace, flags.labels),
    spec,
  };
}
