import { Reason } from '../../api/meta.js';
import type { OCIRepositorySpec } from '../../api/ocirepository-v1.js';

/** A spec feature Tideline cannot honour, reported the way Flux reports that step failing. */
export interface UnsupportedFeature {
  /** The negative condition to set True (`FetchFailed`), or `SourceVerified` set False. */
  condition: 'FetchFailed' | 'SourceVerified';
  reason: string;
  message: string;
}

/**
 * The first spec feature this engine does not implement, or undefined. Failing loudly is the
 * point: silently skipping `verify` would store unverified content as if it were verified, and
 * ignoring a CA, proxy or cloud identity would talk to the registry in a way the user did not
 * ask for. Each message follows the wording of the Flux step that would have failed. Pure.
 */
export function unsupportedFeature(spec: OCIRepositorySpec): UnsupportedFeature | undefined {
  const url = spec.url;
  if (spec.provider && spec.provider !== 'generic' && !spec.secretRef) {
    return {
      condition: 'FetchFailed',
      reason: Reason.AuthenticationFailed,
      message: `failed to get credential from ${spec.provider}: cloud provider authentication is not supported by Tideline; use a secretRef`,
    };
  }
  if (spec.proxySecretRef) {
    return {
      condition: 'FetchFailed',
      reason: Reason.AuthenticationFailed,
      message: 'failed to get proxy address: proxySecretRef is not supported by Tideline',
    };
  }
  if (spec.certSecretRef) {
    return {
      condition: 'FetchFailed',
      reason: Reason.AuthenticationFailed,
      message: `failed to generate transport for '${url}': certSecretRef is not supported by Tideline`,
    };
  }
  if (spec.verify) {
    const provider = spec.verify.provider ?? 'cosign';
    const named = !spec.verify.secretRef && provider === 'cosign' ? `${provider} keyless` : provider;
    return {
      condition: 'SourceVerified',
      reason: 'VerificationError',
      message: `failed to verify the signature using provider '${named}': signature verification is not supported by Tideline`,
    };
  }
  return undefined;
}
