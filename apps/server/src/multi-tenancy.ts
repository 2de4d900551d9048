import type { EngineOptions } from '@tideline/core';

/**
 * The engine options of `--multi-tenant`, Flux's multi-tenancy lockdown
 * (`--no-cross-namespace-refs`, `--default-service-account=default`, `--no-remote-bases`) plus
 * Tideline's address policy: tenants' URLs may not reach loopback, link-local or cloud-metadata
 * addresses. Pure.
 */
export function multiTenancyOptions(
  multiTenant: boolean,
): Pick<EngineOptions, 'kustomization' | 'helmRelease' | 'images' | 'addressPolicy'> {
  if (!multiTenant) return {};
  return {
    kustomization: { noCrossNamespaceRefs: true, defaultServiceAccount: 'default', allowRemoteBases: false },
    helmRelease: { noCrossNamespaceRefs: true, defaultServiceAccount: 'default' },
    // The lockdown patches image-reflector-controller and image-automation-controller too.
    images: { noCrossNamespaceRefs: true },
    addressPolicy: { refuseInternal: true },
  };
}
