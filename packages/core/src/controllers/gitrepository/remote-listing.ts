import { redactUrl } from '../../sources/git-auth.js';
import { GitError } from '../../sources/git-runner.js';
import type { CheckoutStrategy } from './checkout-strategy.js';

/**
 * Whether fluxcd/pkg gogit would have listed the remote before cloning, so that a transport
 * failure reads `unable to list remote for '<url>': …`: always for `ref.name`, and for a
 * branch or tag when an artifact is in storage (the skip-clone check). Pure.
 */
export function listsRemoteFirst(strategy: CheckoutStrategy, hasArtifact: boolean): boolean {
  return strategy.kind === 'name' || (hasArtifact && (strategy.kind === 'branch' || strategy.kind === 'tag'));
}

/**
 * A transport failure of `git ls-remote` worded as go-git's remote listing words it. Other
 * errors (a missing ref, an empty repository) pass through: Flux reaches those by cloning. Pure.
 */
export function asListFailure(url: string, error: unknown): unknown {
  if (!(error instanceof GitError) || (error.kind !== 'failed' && error.kind !== 'auth')) return error;
  const clone = `unable to clone '${redactUrl(url)}': `;
  if (!error.message.startsWith(clone)) return error;
  return new GitError(
    `unable to list remote for '${redactUrl(url)}': ${error.message.slice(clone.length)}`,
    error.kind,
  );
}
