import type { GitRepositorySpec } from '../../api/source-v1.js';
import { GitRepositoryReason } from '../../api/source-v1.js';
import type { Resources } from '../../kube/resources.js';
import { errorMessage } from '../../runtime/errors.js';
import type { GitOptions } from '../../sources/git-runner.js';
import {
  readAnnotatedTag,
  readSignedCommit,
  signatureType,
  type SignedObject,
} from '../../sources/git-signature.js';
import { verifyPgpSignature, type GpgOptions } from '../../sources/pgp-verify.js';
import { verifySshSignature } from '../../sources/ssh-verify.js';
import type { CheckoutStrategy } from './checkout-strategy.js';
import { verificationMode } from './content-config.js';
import { decodeSecretData } from './credentials.js';

/** Secret keys holding SSH authorized keys; every other key is read as a PGP key ring (Flux's fallback). */
const SSH_SUFFIX = '.sshpub';
const PGP_SUFFIX = '.asc';

/** The public keys of `spec.verify.secretRef`, split as source-controller splits them. */
export interface VerificationKeys {
  keyRings: string[];
  authorizedKeys: string[];
}

/** The outcome of `spec.verify`: the SourceVerified message, or Flux's reason and message. */
export type VerificationOutcome =
  | { ok: true; mode: 'HEAD' | 'Tag' | 'TagAndHEAD'; message: string }
  | { ok: false; reason: string; message: string; stalled?: boolean };

/** Splits a Secret's data into SSH authorized keys (`*.sshpub`) and PGP key rings (the rest). Pure. */
export function verificationKeys(data: Readonly<Record<string, string>>): VerificationKeys {
  const keys: VerificationKeys = { keyRings: [], authorizedKeys: [] };
  for (const [name, value] of Object.entries(data))
    (name.endsWith(SSH_SUFFIX) ? keys.authorizedKeys : keys.keyRings).push(value);
  return keys;
}

/** The tag a checkout went through (`ref.tag`, or the one a semver range chose), if any. Pure. */
export function referencedTag(strategy: CheckoutStrategy, revision: string): string | undefined {
  if (strategy.kind !== 'tag' && strategy.kind !== 'semver') return undefined;
  const at = revision.lastIndexOf('@sha1:');
  return at === -1 ? undefined : revision.slice(0, at);
}

/** source-controller's `verifyGitObject`: dispatch on the signature's armor; resolves the key ID. */
async function verifyGitObject(
  what: 'commit' | 'tag',
  signed: SignedObject,
  keys: VerificationKeys,
  tools: GpgOptions,
): Promise<string> {
  const type = signatureType(signed.signature);
  if (type === 'openpgp') {
    if (keys.keyRings.length === 0)
      throw new Error(
        `PGP signature detected but no PGP public keys found in secret (keys with ${PGP_SUFFIX} suffix)`,
      );
    try {
      return await verifyPgpSignature(signed, keys.keyRings, tools);
    } catch (error) {
      throw new Error(`unable to verify Git ${what}: ${errorMessage(error)}`);
    }
  }
  if (type === 'ssh') {
    if (keys.authorizedKeys.length === 0)
      throw new Error(
        `SSH signature detected but no SSH public keys found in secret (keys with ${SSH_SUFFIX} suffix)`,
      );
    try {
      return await verifySshSignature(signed, keys.authorizedKeys, tools);
    } catch (error) {
      throw new Error(`unable to verify Git ${what} SSH signature: ${errorMessage(error)}`);
    }
  }
  throw new Error(`unsupported signature type: ${type}`);
}

/** Everything {@link verifyCheckout} needs besides the spec. */
export interface VerificationContext {
  resources: Resources;
  namespace: string;
  /** The checkout's work tree. */
  dir: string;
  strategy: CheckoutStrategy;
  commit: string;
  revision: string;
  git: GitOptions;
  /** gpg (PGP) and ssh-keygen (SSH) share the scratch folder and time limit. */
  tools: GpgOptions;
}

async function readKeys(ctx: VerificationContext, name: string): Promise<VerificationKeys> {
  const secret = await ctx.resources.get<{
    apiVersion: string;
    kind: string;
    metadata: { name: string };
    data?: Record<string, string>;
  }>({
    apiVersion: 'v1',
    kind: 'Secret',
    namespace: ctx.namespace,
    name,
  });
  if (!secret) throw new Error(`secrets "${name}" not found`);
  return verificationKeys(decodeSecretData(secret));
}

/**
 * source-controller's `verifySignature` for a fresh checkout: the tag object (modes `Tag`,
 * `TagAndHEAD`) and/or the HEAD commit (`HEAD`, `TagAndHEAD`) must carry a signature made by
 * a key of `verify.secretRef`. The message lists what was verified with which key, as Flux's.
 */
export async function verifyCheckout(
  verify: NonNullable<GitRepositorySpec['verify']>,
  ctx: VerificationContext,
): Promise<VerificationOutcome> {
  const mode = verificationMode(verify);
  let keys: VerificationKeys;
  try {
    keys = await readKeys(ctx, verify.secretRef?.name ?? '');
  } catch (error) {
    return {
      ok: false,
      reason: GitRepositoryReason.VerificationError,
      message: `public keys secret error: ${errorMessage(error)}`,
    };
  }
  const lines: string[] = [];
  if (mode === 'Tag' || mode === 'TagAndHEAD') {
    const tagName = referencedTag(ctx.strategy, ctx.revision);
    if (!tagName) {
      const message = "cannot verify tag object's signature if a tag reference is not specified";
      return { ok: false, reason: GitRepositoryReason.InvalidVerificationMode, message, stalled: true };
    }
    const tag = await readAnnotatedTag(ctx.dir, tagName, ctx.git);
    const shown = tag ? `${tagName}@${tag.hash}` : tagName;
    if (!tag?.signature) {
      return {
        ok: false,
        reason: GitRepositoryReason.InvalidGitObject,
        message: `cannot verify signature of tag '${shown}' since it is not signed`,
      };
    }
    try {
      lines.push(`tag '${shown}' with key '${await verifyGitObject('tag', tag, keys, ctx.tools)}'`);
    } catch (error) {
      return {
        ok: false,
        reason: GitRepositoryReason.InvalidTagSignature,
        message: `signature verification of tag '${shown}' failed: ${errorMessage(error)}`,
      };
    }
  }
  if (mode === 'HEAD' || mode === 'TagAndHEAD') {
    try {
      const commit = await readSignedCommit(ctx.dir, ctx.commit, ctx.git);
      lines.push(
        `commit '${ctx.commit}' with key '${await verifyGitObject('commit', commit, keys, ctx.tools)}'`,
      );
    } catch (error) {
      return {
        ok: false,
        reason: GitRepositoryReason.InvalidCommitSignature,
        message: `signature verification of commit '${ctx.commit}' failed: ${errorMessage(error)}`,
      };
    }
  }
  return { ok: true, mode, message: `verified signature of\n${lines.map((l) => `\t- ${l}`).join('\n')}` };
}
