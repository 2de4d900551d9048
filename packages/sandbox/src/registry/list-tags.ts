import { assertRepositoryName } from './image-reference.js';
import { registryFetch, type RegistryCredentials } from './registry-http.js';

/**
 * The tags of `repository` on the registry at `host` (`GET /v2/<name>/tags/list`), sorted;
 * empty when the repository does not exist yet. Other failures (401 included) throw
 * `RegistryRequestError`.
 */
export async function listTags(
  host: string,
  repository: string,
  auth?: RegistryCredentials,
): Promise<string[]> {
  assertRepositoryName(repository);
  const response = await registryFetch(host, `/v2/${repository}/tags/list`, { auth, expect: [200, 404] });
  if (response.status === 404) {
    await response.body?.cancel();
    return [];
  }
  const body = (await response.json()) as { tags?: string[] | null };
  return [...(body.tags ?? [])].sort();
}
