/** A repository name that the git server refuses to create or serve. */
export class InvalidRepositoryNameError extends Error {
  override readonly name = 'InvalidRepositoryNameError';
}

// One or two segments (`app`, `team/app`), each starting with a letter or digit, so `.`, `..`,
// hidden directories and absolute paths can never be spelt.
const SEGMENT = '[A-Za-z0-9][A-Za-z0-9._-]{0,99}';
const NAME = new RegExp(`^${SEGMENT}(?:/${SEGMENT})?$`);

/**
 * The canonical form of a repository name (without a trailing `.git`), or throws
 * {@link InvalidRepositoryNameError}. The bare repository lives at `<root>/<name>.git`.
 */
export function normalizeRepositoryName(name: string): string {
  const bare = name.endsWith('.git') ? name.slice(0, -'.git'.length) : name;
  if (!NAME.test(bare) || bare.includes('..')) {
    throw new InvalidRepositoryNameError(
      `invalid repository name ${JSON.stringify(name)}: use letters, digits, '.', '_', '-' and at most one '/'`,
    );
  }
  return bare;
}
