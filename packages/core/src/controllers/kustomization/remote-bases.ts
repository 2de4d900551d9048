import type { FoundRemote } from '../../render/build-confinement.js';
import type { KustomizeOptions } from '../../render/kustomize.js';
import { resolveAllowed } from '../../sources/address-lookup.js';
import { AddressRefusedError, type AddressPolicy } from '../../sources/address-policy.js';
import { startPolicyProxy } from '../../sources/policy-proxy.js';

/**
 * How kustomize reaches remote bases, once the confinement check has decided they are allowed
 * (engine option `kustomization.allowRemoteBases`; refused by default):
 *
 * - without an address policy, directly, as Flux does;
 * - with one, every host named in the artifact is resolved and checked first (Go would skip
 *   the proxy for a literal loopback address), then kustomize and its git go through a proxy
 *   that checks each connection; a refusal is reported instead of kustomize's own error.
 *
 * `run` gets kustomize's `remoteBases` option (undefined: offline).
 */
export async function withRemoteBases<T>(
  allowed: boolean,
  remotes: readonly FoundRemote[],
  policy: AddressPolicy | undefined,
  run: (remoteBases: KustomizeOptions['remoteBases']) => Promise<T>,
): Promise<T> {
  if (!allowed) return run(undefined);
  if (!policy) return run({});
  for (const remote of remotes) {
    if (!remote.host) continue;
    await resolveAllowed(remote.host, policy).catch((error: unknown) => {
      throw error instanceof AddressRefusedError ? new Error(`${remote.where}: ${error.message}`) : error;
    });
  }
  const proxy = await startPolicyProxy(policy);
  try {
    return await run({ proxyUrl: proxy.url });
  } catch (error) {
    const refusal = proxy.refused.find((m) => m.startsWith('refusing to connect'));
    throw refusal ? new Error(`remote base refused: ${refusal}`) : error;
  } finally {
    await proxy.close();
  }
}
