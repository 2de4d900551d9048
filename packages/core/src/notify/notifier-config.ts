import { parse } from 'yaml';
import type { ProviderSpec } from '../api/notification-v1beta3.js';
import { isCommitStatusProvider } from './provider-routing.js';
import type { NotifierOptions, ServiceEndpoints } from './providers/notifier.js';

/** A Secret's data, decoded. */
export type SecretData = Readonly<Record<string, string>>;

/** The Secrets a Provider names, read before building its notifier (undefined: not referenced). */
export interface ProviderSecrets {
  secret?: SecretData;
  proxySecret?: SecretData;
  certSecret?: SecretData;
}

/** The Provider fields {@link notifierOptions} reads. */
export interface ProviderView {
  metadata: { name: string; namespace?: string; uid?: string };
  spec: ProviderSpec;
}

/**
 * What a Provider and its Secrets configure, as notification-controller's createNotifier:
 * the Secret's `address` overrides `spec.address` (≤ 2048 bytes), `token`, `username` /
 * `password`, `headers` (a YAML map), the legacy `proxy` key; `proxySecretRef`
 * (`address`, `username`, `password`) wins over both proxies; TLS from `certSecretRef`, or for
 * commit-status providers from `secretRef` when it has `ca.crt`. Throws with Flux's messages. Pure.
 */
export function notifierOptions(
  provider: ProviderView,
  secrets: ProviderSecrets,
  extra: { commitStatus?: string; endpoints: ServiceEndpoints },
): NotifierOptions {
  const { spec } = provider;
  const data = secrets.secret ?? {};
  const namespace = provider.metadata.namespace ?? '';
  if ((data.address ?? '').length > 2048)
    throw new Error('invalid address in secret: address exceeds maximum length of 2048 bytes');
  let headers: Record<string, string> | undefined;
  if (data.headers !== undefined) {
    try {
      headers = Object.fromEntries(
        Object.entries((parse(data.headers) ?? {}) as Record<string, unknown>).map(([k, v]) => [
          k,
          String(v),
        ]),
      );
    } catch (error) {
      throw new Error(`failed to read headers from secret: ${(error as Error).message}`);
    }
  }
  let proxyUrl = spec.proxy || (data.proxy !== undefined ? data.proxy.trim() : undefined);
  if (secrets.proxySecret)
    proxyUrl = proxyFromSecret(secrets.proxySecret, `${namespace}/${spec.proxySecretRef?.name}`);
  const tlsData =
    secrets.certSecret ?? (isCommitStatusProvider(spec.type) && data['ca.crt'] ? data : undefined);
  return {
    url: data.address !== undefined ? data.address.trim() : (spec.address ?? ''),
    proxyUrl,
    channel: spec.channel,
    username: data.username ?? spec.username,
    password: data.password,
    token: data.token?.trim(),
    headers,
    tls: tlsData
      ? {
          caPem: tlsData['ca.crt'] ?? tlsData.caFile,
          certPem: tlsData['tls.crt'] ?? tlsData.certFile,
          keyPem: tlsData['tls.key'] ?? tlsData.keyFile,
        }
      : undefined,
    commitStatus: extra.commitStatus,
    providerUid: provider.metadata.uid ?? '',
    secretData: data,
    endpoints: extra.endpoints,
  };
}

/** fluxcd/pkg's ProxyURLFromSecret: `address` required, optional `username`/`password`. Pure. */
export function proxyFromSecret(data: SecretData, name: string): string {
  const address = data.address;
  if (!address)
    throw new Error(`failed to get proxy URL: invalid proxy secret '${name}': key 'address' is missing`);
  const url = new URL(address);
  if (data.username) url.username = encodeURIComponent(data.username);
  if (data.password) url.password = encodeURIComponent(data.password);
  return url.toString();
}
