import type { GitRepository, GitRepositorySpec } from '../../api/source-v1.js';
import type { GitOptions } from '../../sources/git-runner.js';
import type { FluxObject, StatusPatcher } from '../shared/flux-object.js';
import type { CheckoutStrategy, RemoteResolution } from './checkout-strategy.js';

/** A GitRepository as the reconciler handles it. */
export type GitRepositoryObject = GitRepository & FluxObject;

/** A remote ref that resolved to a commit. */
export type ResolvedRemote = Extract<RemoteResolution, { ok: true }>;

/** One reconcile's working state. */
export interface GitRepositoryRun {
  obj: GitRepositoryObject;
  status: StatusPatcher;
  spec: GitRepositorySpec;
  /** The remote URL, without userinfo once credentials are resolved. */
  url: string;
  secretRef?: string;
  strategy: CheckoutStrategy;
  git: GitOptions;
  /** Fail conditions that were True when the run began (for the recovery event). */
  wasFailing: boolean;
  /** Removes the SSH/TLS files written for this run. */
  disposeTransport?: () => Promise<void>;
}
