import { imageRefString, type ImageRef } from '../../api/image-group.js';

/** image-reflector-controller's ImagePolicy messages (imagepolicy_controller.go). */
export const PolicyMessages = {
  inProgress: 'reconciliation in progress',
  newGeneration: (from: number | undefined, to: number | undefined): string =>
    `processing object: new generation ${from ?? 0} -> ${to ?? 0}`,
  intervalRequired: "spec.interval must be set when spec.digestReflectionPolicy is set to 'Always'",
  featureGate:
    'to use spec.serviceAccountName in the ImageRepository for provider authentication please enable the ObjectLevelWorkloadIdentity feature gate in the controller',
  repositoryFailed: (detail: string): string => `failed to get the referred ImageRepository: ${detail}`,
  repositoryMissing: (name: string): string =>
    `referenced ImageRepository does not exist: imagerepositories.image.toolkit.fluxcd.io "${name}" not found`,
  crossNamespaceBlocked: (namespace: string, name: string): string =>
    `cannot access 'ImageRepository/${namespace}/${name}', cross-namespace references have been blocked`,
  invalidPolicy: (detail: string): string => `invalid policy: ${detail}`,
  noTags: (retry: string): string => `retrying in ${retry} error: no tags in database`,
  digestFailed: (ref: string, tagRef: string, detail: string): string =>
    `failed fetching digest of ${ref}: failed fetching descriptor for "${tagRef}": ${detail}`,
  /** `Latest image tag for <name> resolved to <tag>[ with digest <d>][ (previously <name>:<tag>[@<d>])]`. */
  ready: (latest: ImageRef, previous: ImageRef | undefined): string => {
    let message = `Latest image tag for ${latest.name} resolved to ${latest.tag}`;
    if (latest.digest) message += ` with digest ${latest.digest}`;
    if (previous && imageRefString(previous) !== imageRefString(latest))
      message += ` (previously ${imageRefString(previous)})`;
    return message;
  },
} as const;
