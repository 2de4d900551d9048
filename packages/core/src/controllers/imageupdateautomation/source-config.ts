import type { ImageUpdateAutomationSpec } from '../../api/imageupdateautomation-v1.js';
import { SOURCE_API_VERSION, type GitRepository } from '../../api/source-v1.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { parseDuration } from '../../runtime/duration.js';
import type { GitCredentials } from '../../sources/git-auth.js';
import type { SigningKeyMaterial } from '../../sources/git-signing.js';
import type { GitTransportAuth } from '../../sources/git-transport.js';
import {
  checkoutStrategy,
  DEFAULT_BRANCH,
  type CheckoutStrategy,
} from '../gitrepository/checkout-strategy.js';
import { decodeSecretData, resolveAuth } from '../gitrepository/credentials.js';
import { AutomationMessages as M } from './messages.js';

/** Everything a run needs to clone, commit and push (image-automation-controller's `gitSrcCfg`). */
export interface SourceConfig {
  gitRepository: { namespace: string; name: string };
  /** The remote URL, without userinfo once credentials are taken out of it. */
  url: string;
  credentials?: GitCredentials;
  transport?: GitTransportAuth;
  /** The GitRepository's `timeout` (default 60s), for clone and push. */
  timeoutMs: number;
  checkout: CheckoutStrategy;
  pushBranch: string;
  /** Pushing to another branch than the checkout's: a branch of our own, force-pushed. */
  switchBranch: boolean;
  refspec?: string;
  pushOptions?: Record<string, string>;
  signing?: { secret: string; key: SigningKeyMaterial };
}

/** Why there is no configuration: Flux stalls on `access-denied` and `invalid`, fails on `failed`. */
export class SourceConfigError extends Error {
  override readonly name = 'SourceConfigError';

  constructor(
    message: string,
    readonly kind: 'access-denied' | 'invalid' | 'failed',
  ) {
    super(message);
  }
}

type Secret = KubeObject & { data?: Record<string, string> };
type GitSpec = NonNullable<ImageUpdateAutomationSpec['git']>;

/** Flux's `configurePush`: the push branch and whether it differs from the checkout's. Pure. */
export function pushTarget(
  git: GitSpec,
  checkoutRef: { branch?: string; tag?: string; semver?: string; commit?: string } | undefined,
): { pushBranch: string; switchBranch: boolean } {
  const branch = git.push?.branch;
  if (branch)
    return {
      pushBranch: branch,
      switchBranch: checkoutRef ? branch !== checkoutRef.branch : branch !== DEFAULT_BRANCH,
    };
  if (!checkoutRef?.branch) throw new SourceConfigError(M.noPushBranch, 'failed');
  return { pushBranch: checkoutRef.branch, switchBranch: false };
}

async function signingKey(
  resources: Resources,
  namespace: string,
  key: NonNullable<GitSpec['commit']['signingKey']>,
): Promise<SourceConfig['signing']> {
  const name = key.secretRef.name;
  const secret = await resources.get<Secret>({ apiVersion: 'v1', kind: 'Secret', namespace, name });
  if (!secret) throw new SourceConfigError(M.signingSecretMissing(name), 'failed');
  const data = decodeSecretData(secret);
  if ((key.type ?? 'gpg') === 'gpg') {
    if (data['git.asc'] === undefined)
      throw new SourceConfigError(M.signingKeyMissing(name, 'git.asc'), 'failed');
    return { secret: name, key: { type: 'gpg', armored: data['git.asc'], passphrase: data.passphrase } };
  }
  if (data.identity === undefined)
    throw new SourceConfigError(M.signingKeyMissing(name, 'identity'), 'failed');
  return { secret: name, key: { type: 'ssh', identity: data.identity, password: data.password } };
}

async function authentication(
  resources: Resources,
  repo: GitRepository & KubeObject,
): Promise<Pick<SourceConfig, 'url' | 'credentials' | 'transport'>> {
  const namespace = repo.metadata.namespace ?? 'default';
  const provider = repo.spec.provider;
  if (provider && provider !== 'generic')
    throw new SourceConfigError(
      `GitRepository provider '${provider}' is not supported by Tideline`,
      'failed',
    );
  let data: Record<string, string> | undefined;
  const secretName = repo.spec.secretRef?.name;
  if (secretName) {
    const secret = await resources.get<Secret>({
      apiVersion: 'v1',
      kind: 'Secret',
      namespace,
      name: secretName,
    });
    if (!secret) throw new SourceConfigError(M.authSecret(namespace, secretName), 'failed');
    data = decodeSecretData(secret);
  }
  const auth = resolveAuth(repo.spec.url, data, secretName ? `${namespace}/${secretName}` : undefined);
  if (!auth.ok) throw new SourceConfigError(auth.message, 'failed');
  return { url: auth.url, credentials: auth.credentials, transport: auth.transport };
}

/**
 * Flux's `NewSourceManager` + `buildGitConfig`: the GitRepository (kind, `.spec.git`, the
 * cross-namespace rule), its URL, credentials and timeout, the checkout ref (the automation's,
 * else the GitRepository's, else `master`), the push branch, and the signing key. Throws
 * {@link SourceConfigError} with Flux's words.
 */
export async function sourceConfig(
  deps: { resources: Resources; reader?: ObjectReader; noCrossNamespaceRefs?: boolean },
  automation: { metadata: { namespace?: string }; spec: ImageUpdateAutomationSpec },
): Promise<SourceConfig> {
  const { spec } = automation;
  const own = automation.metadata.namespace ?? 'default';
  const kind = spec.sourceRef.kind ?? 'GitRepository';
  if (kind !== 'GitRepository') throw new SourceConfigError(M.unsupportedKind(kind), 'invalid');
  if (!spec.git) throw new SourceConfigError(M.gitSpecRequired, 'invalid');
  const namespace = spec.sourceRef.namespace || own;
  const name = spec.sourceRef.name;
  if (deps.noCrossNamespaceRefs && namespace !== own)
    throw new SourceConfigError(M.crossNamespace(namespace, name), 'access-denied');
  const repo = await (deps.reader ?? deps.resources).get<GitRepository & KubeObject>({
    apiVersion: SOURCE_API_VERSION,
    kind: 'GitRepository',
    namespace,
    name,
  });
  if (!repo) throw new SourceConfigError(M.repositoryMissing(name), 'failed');
  const checkoutRef = spec.git.checkout?.ref ?? repo.spec.ref;
  const push = pushTarget(spec.git, checkoutRef);
  const auth = await authentication(deps.resources, repo);
  const signing = spec.git.commit.signingKey
    ? await signingKey(deps.resources, own, spec.git.commit.signingKey)
    : undefined;
  return {
    gitRepository: { namespace, name },
    ...auth,
    timeoutMs: parseDuration(repo.spec.timeout ?? '60s'),
    checkout: checkoutStrategy({ ref: checkoutRef }),
    ...push,
    ...(spec.git.push?.refspec ? { refspec: spec.git.push.refspec } : {}),
    ...(spec.git.push?.options ? { pushOptions: spec.git.push.options } : {}),
    ...(signing ? { signing } : {}),
  };
}
