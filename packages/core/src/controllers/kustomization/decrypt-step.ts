import { stringify } from 'yaml';
import { Reason } from '../../api/meta.js';
import { DecryptionKeysError, importDecryptionKeys } from '../../render/decryption/decryption-keys.js';
import { SopsDecryptor } from '../../render/decryption/decryptor.js';
import { gvkString } from '../../render/post-build.js';
import type { SecretRedactor } from '../../render/secret-redactor.js';
import { errorMessage } from '../../runtime/errors.js';
import type { KubeDoc } from './manifests.js';
import { StepFailure, TerminalStepFailure, type RevisionContext } from './step-context.js';

/** A build's decryptor and how to release it. */
export interface BuildDecryption {
  decryptor: SopsDecryptor;
  dispose(): Promise<void>;
}

/** Flux's message when `decryption.serviceAccountName` is set without its feature gate. */
const FEATURE_GATE_MESSAGE =
  'to use spec.decryption.serviceAccountName for decryption authentication please enable the ObjectLevelWorkloadIdentity feature gate in the controller';

/**
 * Sets up `spec.decryption` for one build: the keys of its Secret (read with the engine's own
 * client, as kustomize-controller does) in a fresh GnuPG home and age identity set. Undefined
 * when the Kustomization does not ask for decryption. Key failures are BuildFailed. Decrypted
 * values are remembered by `redactor`.
 */
export async function openDecryption(
  ctx: RevisionContext,
  root: string,
  redactor: SecretRedactor,
): Promise<BuildDecryption | undefined> {
  const decryption = ctx.obj.spec.decryption;
  if (!decryption) return undefined;
  // Workload identity has no meaning here: Flux's default (gate off) is this terminal failure.
  if (decryption.serviceAccountName)
    throw new TerminalStepFailure('FeatureGateDisabled', FEATURE_GATE_MESSAGE);
  if (decryption.provider !== 'sops') return undefined;
  try {
    const keys = await importDecryptionKeys(
      ctx.deps.resources,
      ctx.obj.metadata.namespace ?? 'default',
      decryption.secretRef?.name,
    );
    return { decryptor: new SopsDecryptor(root, keys, redactor), dispose: () => keys.gpg.dispose() };
  } catch (error) {
    if (error instanceof DecryptionKeysError) throw new StepFailure(Reason.BuildFailed, error.message);
    throw error;
  }
}

/** Flux's build loop, decryption part: `decryption failed for '<gvk>/<name>': …`. */
export async function decryptDocs(decryptor: SopsDecryptor, docs: KubeDoc[]): Promise<KubeDoc[]> {
  const out: KubeDoc[] = [];
  for (const doc of docs) {
    const { apiVersion, kind, metadata } = doc.object;
    let decrypted;
    try {
      decrypted = await decryptor.decryptResource(doc.object);
    } catch (error) {
      throw new StepFailure(
        Reason.BuildFailed,
        decryptor.redact(
          `decryption failed for '${gvkString(apiVersion, kind)}/${metadata.name}': ${errorMessage(error)}`,
        ),
      );
    }
    out.push(decrypted ? { object: decrypted, text: stringify(decrypted) } : doc);
  }
  return out;
}
