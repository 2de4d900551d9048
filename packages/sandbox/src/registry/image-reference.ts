// The repository-name and tag grammars of the OCI distribution spec.
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const REPOSITORY = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const TAG = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,127}$/;

/** A repository name or tag that the OCI distribution spec does not allow. */
export class InvalidImageReferenceError extends Error {
  override readonly name = 'InvalidImageReferenceError';
}

/** Throws {@link InvalidImageReferenceError} unless `repository` is a valid OCI repository name. */
export function assertRepositoryName(repository: string): void {
  if (repository.length > 255 || !REPOSITORY.test(repository)) {
    throw new InvalidImageReferenceError(`invalid repository name ${JSON.stringify(repository)}`);
  }
}

/** Throws {@link InvalidImageReferenceError} unless `tag` is a valid OCI tag. */
export function assertTag(tag: string): void {
  if (!TAG.test(tag)) throw new InvalidImageReferenceError(`invalid tag ${JSON.stringify(tag)}`);
}
