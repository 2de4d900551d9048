import { IMAGE_API_VERSION } from '../../api/image-group.js';
import type { ImageRepository } from '../../api/imagerepository-v1.js';
import { compileLabelSelector } from '../../api/label-selector.js';
import type { ObjectReader } from '../../kube/cached-reader.js';
import type { KubeObject } from '../../kube/objects.js';
import type { Resources } from '../../kube/resources.js';
import { PolicyMessages as M } from './messages.js';

/** Why the referenced ImageRepository cannot be used: Flux's reason and message. */
export class RepositoryAccessError extends Error {
  override readonly name = 'RepositoryAccessError';

  constructor(
    message: string,
    readonly reason: 'DependencyNotReady' | 'AccessDenied' | 'Failure',
  ) {
    super(message);
  }
}

/** `spec.accessFrom` of the repository, as fluxcd/pkg `acl.HasAccessToRef` applies it. */
async function checkAcl(resources: Resources, policyNamespace: string, repo: ImageRepository): Promise<void> {
  const repoNamespace = repo.metadata.namespace ?? '';
  if (repoNamespace === policyNamespace) return;
  const acl = repo.spec.accessFrom;
  const ref = `${repoNamespace}/${repo.metadata.name}`;
  if (!acl) throw new Error(`'${ref}' can't be accessed due to missing ACL labels on 'accessFrom'`);
  const namespace = await resources.get<KubeObject>({
    apiVersion: 'v1',
    kind: 'Namespace',
    name: policyNamespace,
  });
  const labels = namespace?.metadata.labels ?? {};
  if (acl.namespaceSelectors.some((s) => compileLabelSelector({ matchLabels: s.matchLabels })(labels)))
    return;
  throw new Error(`'${ref}' can't be accessed due to ACL labels mismatch on namespace '${policyNamespace}'`);
}

/**
 * The ImageRepository a policy refers to, as `getImageRepository` finds it: the policy's own
 * namespace unless the reference names one; cross-namespace references blocked by the engine
 * flag or by the repository's `accessFrom`. Errors carry Flux's reason and message.
 */
export async function referencedRepository(
  deps: { resources: Resources; reader?: ObjectReader; noCrossNamespaceRefs?: boolean },
  policy: {
    metadata: { namespace?: string };
    spec: { imageRepositoryRef: { name: string; namespace?: string } };
  },
): Promise<ImageRepository> {
  const own = policy.metadata.namespace ?? 'default';
  const name = policy.spec.imageRepositoryRef.name;
  const namespace = policy.spec.imageRepositoryRef.namespace || own;
  if (deps.noCrossNamespaceRefs && namespace !== own)
    throw new RepositoryAccessError(
      M.repositoryFailed(M.crossNamespaceBlocked(namespace, name)),
      'AccessDenied',
    );
  const repo = await (deps.reader ?? deps.resources).get<ImageRepository & KubeObject>({
    apiVersion: IMAGE_API_VERSION,
    kind: 'ImageRepository',
    namespace,
    name,
  });
  if (!repo)
    throw new RepositoryAccessError(M.repositoryFailed(M.repositoryMissing(name)), 'DependencyNotReady');
  try {
    await checkAcl(deps.resources, own, repo);
  } catch (error) {
    throw new RepositoryAccessError(
      M.repositoryFailed(`access denied: ${error instanceof Error ? error.message : String(error)}`),
      'AccessDenied',
    );
  }
  return repo;
}
