import { stringFlag, durationFlag, type CliCommand, type CommandContext, type FlagSpec } from './command.js';
import { CREATE_FLAGS, labelsFlag, runCreate, validateName } from './create-flow.js';
import {
  imagePolicyFromFlags,
  imageRepositoryFromFlags,
  imageUpdateFromFlags,
  type ImageObject,
} from './create-image-objects.js';

const str = (name: string, value: string, description: string): FlagSpec => ({
  name,
  type: 'string',
  value,
  description,
});

/** Applies an image object and waits, printing flux's `upsertAndWait` lines. */
function applyImage(ctx: CommandContext, object: ImageObject): Promise<number> {
  return runCreate(ctx, {
    object,
    label: object.kind,
    readyLines: () => [`${object.kind} reconciliation completed`],
  });
}

/** `tideline create image repository NAME --image IMAGE`. */
export const createImageRepositoryCommand: CliCommand = {
  path: ['create', 'image', 'repository'],
  args: 'NAME',
  summary: 'Create or update an ImageRepository object, as `flux create image repository` does',
  cluster: true,
  flags: [
    str('image', 'IMAGE', 'the image repository to scan; e.g., library/alpine'),
    str('secret-ref', 'NAME', 'the name of a docker-registry secret to use for credentials'),
    str('cert-ref', 'NAME', 'the name of a secret to use for TLS certificates'),
    str('scan-timeout', 'DURATION', 'a timeout for scanning; this defaults to the interval if not set'),
    ...CREATE_FLAGS,
  ],
  examples: ['tideline create image repository alpine-repo --image alpine --interval 20m'],
  run: (ctx) =>
    applyImage(
      ctx,
      imageRepositoryFromFlags(validateName(ctx.positionals[0]), ctx.namespace, {
        image: stringFlag(ctx.flags, 'image'),
        intervalMs: durationFlag(ctx.flags, 'interval', '1m'),
        secretRef: stringFlag(ctx.flags, 'secret-ref'),
        certSecretRef: stringFlag(ctx.flags, 'cert-ref'),
        scanTimeoutMs: durationFlag(ctx.flags, 'scan-timeout', '0s') || undefined,
        labels: labelsFlag(ctx),
      }),
    ),
};

/** `tideline create image policy NAME --image-ref REPO --select-semver RANGE`. */
export const createImagePolicyCommand: CliCommand = {
  path: ['create', 'image', 'policy'],
  args: 'NAME',
  summary: 'Create or update an ImagePolicy object, as `flux create image policy` does',
  cluster: true,
  flags: [
    str('image-ref', 'NAME', 'the name of an image repository object'),
    str('select-semver', 'RANGE', "a semver range to apply to tags; e.g., '1.x'"),
    {
      ...str('select-alpha', 'ORDER', 'alphabetical sorting: "asc" selects the last, "desc" the first'),
      choices: ['asc', 'desc'],
    },
    {
      ...str('select-numeric', 'ORDER', 'numeric sorting: "asc" selects the last, "desc" the first'),
      choices: ['asc', 'desc'],
    },
    str('filter-regex', 'REGEX', 'regular expression pattern used to filter the image tags'),
    str(
      'filter-extract',
      'TEMPLATE',
      'replacement pattern (using capture groups from --filter-regex) to use for sorting',
    ),
    {
      ...str('reflect-digest', 'POLICY', 'the digest reflection policy (Never, IfNotPresent, Always)'),
      choices: ['Never', 'IfNotPresent', 'Always'],
    },
    str(
      'interval',
      'DURATION',
      "the interval at which to check for new image digests when the policy is set to 'Always'",
    ),
    ...CREATE_FLAGS.filter((f) => f.name !== 'interval'),
  ],
  examples: ["tideline create image policy podinfo --image-ref=podinfo --select-semver='>=1.0.0'"],
  run: (ctx) =>
    applyImage(
      ctx,
      imagePolicyFromFlags(validateName(ctx.positionals[0]), ctx.namespace, {
        imageRef: stringFlag(ctx.flags, 'image-ref'),
        semver: stringFlag(ctx.flags, 'select-semver'),
        alpha: stringFlag(ctx.flags, 'select-alpha'),
        numeric: stringFlag(ctx.flags, 'select-numeric'),
        filterRegex: stringFlag(ctx.flags, 'filter-regex'),
        filterExtract: stringFlag(ctx.flags, 'filter-extract'),
        reflectDigest: stringFlag(ctx.flags, 'reflect-digest'),
        intervalMs: durationFlag(ctx.flags, 'interval', '0s') || undefined,
        labels: labelsFlag(ctx),
      }),
    ),
};

/** `tideline create image update NAME --git-repo-ref REPO --checkout-branch B --author-name N --author-email E`. */
export const createImageUpdateCommand: CliCommand = {
  path: ['create', 'image', 'update'],
  args: 'NAME',
  summary: 'Create or update an ImageUpdateAutomation object, as `flux create image update` does',
  cluster: true,
  flags: [
    str(
      'git-repo-ref',
      'NAME',
      'the name of a GitRepository resource with details of the upstream Git repository',
    ),
    str(
      'git-repo-namespace',
      'NS',
      'the namespace of the GitRepository resource, defaults to the ImageUpdateAutomation namespace',
    ),
    str(
      'git-repo-path',
      'PATH',
      'path to the directory containing the manifests to be updated, defaults to the repository root',
    ),
    str('checkout-branch', 'BRANCH', 'the branch to checkout'),
    str(
      'push-branch',
      'BRANCH',
      'the branch to push commits to, defaults to the checkout branch if not specified',
    ),
    str('commit-template', 'TEMPLATE', 'a template for commit messages'),
    str('author-name', 'NAME', 'the name to use for commit author'),
    str('author-email', 'EMAIL', 'the email to use for commit author'),
    str(
      'signing-key-secret',
      'NAME',
      'name of the Secret containing the signing key referenced in spec.git.commit.signingKey',
    ),
    {
      ...str(
        'signing-key-type',
        'TYPE',
        'signing-key format: gpg or ssh (defaults to gpg when --signing-key-secret is set)',
      ),
      choices: ['gpg', 'ssh'],
    },
    ...CREATE_FLAGS,
  ],
  examples: [
    'tideline create image update flux-system --git-repo-ref=flux-system --git-repo-path="./clusters/my-cluster" --checkout-branch=main --author-name=flux --author-email=flux@example.com',
  ],
  run: (ctx) =>
    applyImage(
      ctx,
      imageUpdateFromFlags(validateName(ctx.positionals[0]), ctx.namespace, {
        gitRepoRef: stringFlag(ctx.flags, 'git-repo-ref'),
        gitRepoNamespace: stringFlag(ctx.flags, 'git-repo-namespace'),
        gitRepoPath: stringFlag(ctx.flags, 'git-repo-path'),
        checkoutBranch: stringFlag(ctx.flags, 'checkout-branch'),
        pushBranch: stringFlag(ctx.flags, 'push-branch'),
        commitTemplate: stringFlag(ctx.flags, 'commit-template'),
        authorName: stringFlag(ctx.flags, 'author-name'),
        authorEmail: stringFlag(ctx.flags, 'author-email'),
        signingKeySecret: stringFlag(ctx.flags, 'signing-key-secret'),
        signingKeyType: stringFlag(ctx.flags, 'signing-key-type'),
        intervalMs: durationFlag(ctx.flags, 'interval', '1m'),
        labels: labelsFlag(ctx),
      }),
    ),
};
