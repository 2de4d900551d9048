import type { OCIRepository, OCIRepositorySpecSchema } from '../../api/ocirepository-v1.js';
import type { OciRepositoryAddress } from '../../sources/oci/oci-reference.js';
import type { OciRegistryClient } from '../../sources/oci/registry-client.js';
import type { FluxObject, StatusPatcher } from '../shared/flux-object.js';

/** An OCIRepository as the reconciler handles it. */
export type OCIRepositoryObject = OCIRepository & FluxObject;

/** The parsed `spec` of an OCIRepository. */
export type OCIRepositorySpec = ReturnType<typeof OCIRepositorySpecSchema.parse>;

/** One reconcile's working state. */
export interface OCIRepositoryRun {
  obj: OCIRepositoryObject;
  status: StatusPatcher;
  spec: OCIRepositorySpec;
  /** Fail conditions that were True when the run began (for the recovery event). */
  wasFailing: boolean;
  /** The deadline of the remote operations (`spec.timeout`), joined with the reconcile's signal. */
  signal: AbortSignal;
}

/** What the remote side resolved to. */
export interface ResolvedOciRemote {
  address: OciRepositoryAddress;
  client: OciRegistryClient;
  /** The resolved reference as go-containerregistry prints it (`host/repo:tag`). */
  reference: string;
  /**
   * The resolved manifest digest. The pull goes by it, not by the tag, so a tag moved between
   * resolving and pulling cannot put other content under this revision.
   */
  digest: string;
  revision: string;
}
