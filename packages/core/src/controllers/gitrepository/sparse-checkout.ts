import { lstat } from 'node:fs/promises';
import { secureJoin } from '../../sources/secure-join.js';
import { errorMessage } from '../../runtime/errors.js';

/**
 * source-controller's `validateSparseCheckoutPaths`, after the checkout: every directory of
 * `spec.sparseCheckout` must exist in the work tree. Resolves Flux's message for the first one
 * that does not (the error is Go's `lstat <path>: no such file or directory`), or undefined.
 */
export async function missingSparseDirectory(
  dir: string,
  dirs: readonly string[],
): Promise<string | undefined> {
  for (const path of dirs) {
    let full: string;
    try {
      full = secureJoin(dir, path);
    } catch (error) {
      return `sparse checkout dir '${path}' cannot be resolved: ${errorMessage(error)}`;
    }
    try {
      await lstat(full);
    } catch {
      return `sparse checkout dir '${path}' does not exist in repository: lstat ${full}: no such file or directory`;
    }
  }
  return undefined;
}
