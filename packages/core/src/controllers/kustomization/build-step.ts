import { createHash } from 'node:crypto';
import { Reason } from '../../api/meta.js';
import type { KubeObject } from '../../kube/objects.js';
import { BuildConfinementError, checkBuildConfinement } from '../../render/build-confinement.js';
import { prepareKustomization } from '../../render/kustomization-file.js';
import { DEFAULT_MAX_BUILD_BYTES, KustomizeBuildError, kustomizeBuild } from '../../render/kustomize.js';
import { plainBuild } from '../../render/plain-build.js';
import { gvkString, substituteDocument } from '../../render/post-build.js';
import { SecretRedactor } from '../../render/secret-redactor.js';
import { errorMessage } from '../../runtime/errors.js';
import {
  isKubeObject,
  splitManifests,
  withCommonMetadata,
  withDefaultPortProtocols,
  withOwnerLabels,
  type KubeDoc,
} from './manifests.js';
import { decryptDocs, openDecryption, type BuildDecryption } from './decrypt-step.js';
import { loadVariables } from './post-build-vars.js';
import { withRemoteBases } from './remote-bases.js';
import { StepFailure, type RevisionContext } from './step-context.js';

/** What a build produced. */
export interface BuildResult {
  objects: KubeObject[];
  /** `sha256:<hex>` of the final multi-document YAML (the history key). */
  digest: string;
  /**
   * Keeps Secret-derived values (decrypted, substituted from a Secret) out of later messages:
   * apply errors quote fields.
   */
  redact: (message: string) => string;
}

/**
 * Generates/patches kustomization.yaml, vets every path the tree references (so kustomize can
 * run with Flux's load restrictions off without reading outside the artifact), and runs
 * kustomize under time and output caps (BuildFailed on error) — or, for a plain list of
 * manifest files, assembles the same objects in-process.
 */
async function kustomize(
  ctx: RevisionContext,
  root: string,
  dir: string,
  decryption: BuildDecryption | undefined,
  redactor: SecretRedactor,
): Promise<KubeDoc[]> {
  const maxBytes = ctx.deps.maxBuildBytes ?? DEFAULT_MAX_BUILD_BYTES;
  try {
    await prepareKustomization(dir, ctx.obj.spec, { maxFileBytes: maxBytes });
    const allowRemoteBases = ctx.deps.allowRemoteBases ?? false;
    const remotes = await checkBuildConfinement(root, dir, { maxBytes, allowRemoteBases }).catch(
      (error: unknown) => {
        throw error instanceof BuildConfinementError
          ? new Error(`kustomize build failed: ${error.message}`)
          : error;
      },
    );
    // Generator sources and patch files are decrypted before kustomize reads them (Flux).
    await decryption?.decryptor.decryptSources(dir).catch((error: unknown) => {
      throw new Error(`error decrypting sources: ${errorMessage(error)}`);
    });
    // Post-build substitution works on kustomize's text, so only builds without it take the
    // in-process path for plain manifest lists (see render/plain-build.ts).
    const plain = ctx.obj.spec.postBuild ? undefined : await plainBuild(dir, { maxBytes });
    if (plain) return plain.map((object) => ({ text: JSON.stringify(object), object }));
    const yaml = await withRemoteBases(allowRemoteBases, remotes, ctx.deps.addressPolicy, (remoteBases) =>
      kustomizeBuild(dir, {
        kubectlBin: ctx.deps.kubectlBin,
        timeoutMs: ctx.timeoutMs,
        signal: ctx.signal,
        maxOutputBytes: maxBytes,
        loadRestrictor: 'LoadRestrictionsNone',
        remoteBases,
      }),
    ).catch((error: unknown) => {
      throw error instanceof KustomizeBuildError
        ? error
        : new Error(`kustomize build failed: ${errorMessage(error)}`);
    });
    return splitManifests(yaml);
  } catch (error) {
    const message = errorMessage(error);
    throw new StepFailure(Reason.BuildFailed, redactor.redact(message));
  }
}

/**
 * `postBuild` substitution of every resource, failing with `post build failed for '<gvk>/<name>': …`;
 * the values of `substituteFrom` Secrets join `redactor` first, so no message quotes them.
 */
async function substitute(
  ctx: RevisionContext,
  docs: KubeDoc[],
  redactor: SecretRedactor,
): Promise<KubeDoc[]> {
  const { obj, deps } = ctx;
  const loaded = await loadVariables(deps.resources, obj.metadata.namespace ?? 'default', obj.spec);
  if ('vars' in loaded) for (const value of loaded.secretValues ?? []) redactor.add(value);
  const options = {
    strict: deps.strictSubstitution ?? true,
    always: obj.spec.postBuild?.substituteStrategy === 'Always',
  };
  return docs.map((doc) => {
    const subject = `${gvkString(doc.object.apiVersion, doc.object.kind)}/${doc.object.metadata.name}`;
    try {
      const out = substituteDocument(doc, loaded, options);
      if (!isKubeObject(out.object))
        throw new Error(`failed to decode Kubernetes apiVersion, kind and name from: ${out.text.trim()}`);
      return { text: out.text, object: out.object };
    } catch (error) {
      const message = `post build failed for '${subject}': ${errorMessage(error)}`;
      throw new StepFailure(Reason.BuildFailed, redactor.redact(message));
    }
  });
}

/**
 * The build of kustomize-controller: kustomization.yaml generation, `kustomize build`, the
 * apiVersion/kind/name check, post-build substitution, then the objects as they will be
 * applied (ownership labels, then `commonMetadata`).
 */
export async function buildManifests(ctx: RevisionContext, root: string, dir: string): Promise<BuildResult> {
  const redactor = new SecretRedactor();
  const decryption = await openDecryption(ctx, root, redactor);
  try {
    let docs = await kustomize(ctx, root, dir, decryption, redactor);
    if (decryption) docs = await decryptDocs(decryption.decryptor, docs);
    if (ctx.obj.spec.postBuild) docs = await substitute(ctx, docs, redactor);
    return { ...finish(ctx, docs), redact: (message) => redactor.redact(message) };
  } finally {
    await decryption?.dispose();
  }
}

/** Ownership labels, `commonMetadata`, and the digest of the built text. */
function finish(ctx: RevisionContext, docs: KubeDoc[]): Omit<BuildResult, 'redact'> {
  const { obj } = ctx;
  const owner = { name: obj.metadata.name, namespace: obj.metadata.namespace ?? 'default' };
  const labelled = withOwnerLabels(withDefaultPortProtocols(docs.map((d) => d.object)), owner);
  const digest = `sha256:${createHash('sha256')
    .update(docs.map((d) => d.text).join('---\n'))
    .digest('hex')}`;
  return { objects: withCommonMetadata(labelled, obj.spec.commonMetadata), digest };
}
