import type { AddressPolicy } from '../address-policy.js';
import { guardedFetch, type ClientTls } from '../guarded-fetch.js';
import type { RegistryLogin } from './docker-config.js';
import { parseManifest, pickIndexChild, type Descriptor, type ParsedManifest } from './manifest.js';
import { isIndexMediaType, MANIFEST_ACCEPT } from './media-types.js';
import type { OciRepositoryAddress } from './oci-reference.js';
import { readCappedBody, type CappedBody } from './capped-body.js';
import { describeHttpFailure, kindOfStatus, OciRegistryError } from './registry-error.js';
import { parseAuthChallenge, type AuthChallenge } from './www-authenticate.js';

export type { Descriptor } from './manifest.js';

/** An image manifest as fetched: its digest, raw bytes and the fields Flux reads. */
export interface ImageManifest {
  digest: string;
  mediaType: string;
  config?: Descriptor;
  layers: Descriptor[];
  annotations?: Record<string, string>;
}

/** Options for {@link OciRegistryClient}. */
export interface OciClientOptions {
  address: OciRepositoryAddress;
  /** Plain HTTP; without it every request is HTTPS. */
  insecure: boolean;
  login?: RegistryLogin;
  /** A custom CA and/or client certificate for HTTPS (`certSecretRef`). */
  tls?: ClientTls;
  /** Bounds every request in time (the object's `timeout`) and cancels with the reconcile. */
  signal: AbortSignal;
  maxManifestBytes?: number;
  /** Tags asked for per page (`?n=`, default 1000). */
  tagPageSize?: number;
  /** Pages followed at most (default 100). */
  maxTagPages?: number;
  /** Destinations refused: the registry, every redirect and every token realm are checked. */
  addressPolicy?: AddressPolicy;
}

const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_ERROR_BODY_BYTES = 64 * 1024;
const MAX_TOKEN_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;
const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/**
 * A small OCI distribution client for one repository: manifest HEAD/GET, tag listing with
 * pagination, blob download with a byte cap and sha256 check. Authenticates as registries ask
 * (`WWW-Authenticate`): anonymously first, then basic or a bearer token from the realm, with the
 * login when one is given. Credentials only ever travel in the Authorization header, are not
 * forwarded across origins on redirects, and never appear in error messages. With an address
 * policy, every connection (registry, redirect, token realm) goes only where it allows.
 */
export class OciRegistryClient {
  private authorization: string | undefined;
  private readonly base: string;

  constructor(private readonly options: OciClientOptions) {
    this.base = `${options.insecure ? 'http' : 'https'}://${options.address.registry}`;
  }

  /** The manifest digest of a tag: HEAD first, GET (and hash) when HEAD gives none, as go-containerregistry. */
  async resolveTag(tag: string): Promise<string> {
    try {
      const head = await this.send('HEAD', this.manifestPath(tag), MANIFEST_ACCEPT);
      await head.body?.cancel();
      const digest = head.headers.get('docker-content-digest');
      if (digest && SHA256_DIGEST.test(digest)) return digest;
    } catch (error) {
      // As go-containerregistry: any HEAD failure falls back to GET, whose error is the one reported.
      if (this.options.signal.aborted) throw error;
    }
    return (await this.fetchManifest(tag)).digest;
  }

  /** The image manifest for a tag or digest; an index resolves to its linux/amd64 (or only) image. */
  async fetchManifest(reference: string): Promise<ImageManifest> {
    const first = await this.getManifest(reference);
    if (!isIndexMediaType(first.mediaType)) return first;
    const chosen = pickIndexChild(first.manifests);
    if (!chosen)
      throw new OciRegistryError(`no child with platform linux/amd64 in index ${reference}`, 'format');
    const image = await this.getManifest(chosen.digest);
    if (isIndexMediaType(image.mediaType))
      throw new OciRegistryError(`nested index ${chosen.digest} is not supported`, 'format');
    return image;
  }

  /** Every tag of the repository (`/tags/list`, following `Link: <…>; rel="next"`). */
  async listTags(): Promise<string[]> {
    const tags: string[] = [];
    let next: string | undefined =
      `/v2/${this.options.address.repository}/tags/list?n=${this.options.tagPageSize ?? 1000}`;
    for (let page = 0; next; page++) {
      if (page >= (this.options.maxTagPages ?? 100))
        throw new OciRegistryError(`tag list has more than ${page} pages`, 'limit');
      const response = await this.send('GET', next, 'application/json');
      const body = await this.read(response, MAX_MANIFEST_BYTES, 'tag list');
      const parsed = parseJson(body.data, 'tag list') as { tags?: unknown };
      if (Array.isArray(parsed.tags))
        tags.push(...parsed.tags.filter((t): t is string => typeof t === 'string'));
      next = nextLink(response.headers.get('link'));
    }
    return tags;
  }

  /** A blob's bytes, refused beyond `maxBytes` (before download when the descriptor says so) and verified against its digest. */
  async fetchBlob(descriptor: Descriptor, maxBytes: number): Promise<Buffer> {
    if (!SHA256_DIGEST.test(descriptor.digest))
      throw new OciRegistryError(`unsupported digest '${descriptor.digest}'`, 'digest');
    if (descriptor.size > maxBytes) {
      throw new OciRegistryError(
        `layer ${descriptor.digest} of ${descriptor.size} bytes exceeds the maximum of ${maxBytes} bytes`,
        'limit',
      );
    }
    const response = await this.send(
      'GET',
      `/v2/${this.options.address.repository}/blobs/${descriptor.digest}`,
      '*/*',
    );
    const body = await this.read(response, maxBytes, `layer ${descriptor.digest}`);
    if (body.digest !== descriptor.digest) {
      throw new OciRegistryError(
        `layer digest mismatch: computed ${body.digest}, expected ${descriptor.digest}`,
        'digest',
      );
    }
    return body.data;
  }

  private manifestPath(reference: string): string {
    return `/v2/${this.options.address.repository}/manifests/${reference}`;
  }

  private async getManifest(reference: string): Promise<ImageManifest & Pick<ParsedManifest, 'manifests'>> {
    const response = await this.send('GET', this.manifestPath(reference), MANIFEST_ACCEPT);
    const body = await this.read(response, this.options.maxManifestBytes ?? MAX_MANIFEST_BYTES, 'manifest');
    if (reference.startsWith('sha256:') && body.digest !== reference) {
      throw new OciRegistryError(
        `manifest digest mismatch: computed ${body.digest}, expected ${reference}`,
        'digest',
      );
    }
    return { digest: body.digest, ...parseManifest(body.data, response.headers.get('content-type')) };
  }

  /** One request with auth negotiation and same-origin-only credentials on redirects; non-2xx throws. */
  private async send(method: string, pathOrUrl: string, accept: string): Promise<Response> {
    let url = new URL(pathOrUrl, this.base);
    let challenged = false;
    for (let hop = 0; hop <= MAX_REDIRECTS;) {
      const sameOrigin = url.origin === new URL(this.base).origin;
      const headers: Record<string, string> = { accept, 'user-agent': 'tideline/oci' };
      if (this.authorization && sameOrigin) headers.authorization = this.authorization;
      const response = await this.fetchOnce(method, url, headers);
      if (response.status === 401 && sameOrigin && !challenged) {
        challenged = true;
        await response.body?.cancel();
        await this.answerChallenge(parseAuthChallenge(response.headers.get('www-authenticate')), method, url);
        continue;
      }
      if (response.status >= 300 && response.status < 400 && response.headers.get('location')) {
        await response.body?.cancel();
        url = new URL(response.headers.get('location') ?? '', url);
        hop++;
        continue;
      }
      if (response.status >= 200 && response.status < 300) return response;
      const body =
        method === 'HEAD'
          ? ''
          : ((
              await readCappedBody(response, MAX_ERROR_BODY_BYTES, 'error body').catch(() => undefined)
            )?.data.toString('utf8') ?? '');
      throw new OciRegistryError(
        describeHttpFailure(method, url.href, response.status, response.statusText, body),
        kindOfStatus(response.status),
        response.status,
      );
    }
    throw new OciRegistryError(`${method} ${url.href}: stopped after ${MAX_REDIRECTS} redirects`, 'http');
  }

  /** A capped body read; a stall past the deadline reads as Go's `context deadline exceeded`. */
  private async read(response: Response, maxBytes: number, what: string): Promise<CappedBody> {
    try {
      return await readCappedBody(response, maxBytes, what);
    } catch (error) {
      if (error instanceof OciRegistryError) throw error;
      throw new OciRegistryError(
        `reading ${what} from ${response.url}: ${networkCause(error, this.options.signal)}`,
        'network',
      );
    }
  }

  private async fetchOnce(method: string, url: URL, headers: Record<string, string>): Promise<Response> {
    // Redirects and token realms included: plain HTTP only when the object says `insecure`.
    if (url.protocol !== 'https:' && !(this.options.insecure && url.protocol === 'http:')) {
      throw new OciRegistryError(
        `${method} ${url.origin}${url.pathname}: refusing ${url.protocol.replace(':', '')} without insecure: true`,
        'network',
      );
    }
    try {
      return await guardedFetch(url, {
        method,
        headers,
        signal: this.options.signal,
        addressPolicy: this.options.addressPolicy,
        tls: this.options.tls,
      });
    } catch (error) {
      throw new OciRegistryError(
        `${method} ${url.href}: ${networkCause(error, this.options.signal)}`,
        'network',
      );
    }
  }

  /** Sets the Authorization header the challenge asks for; without a usable answer the retry goes as before. */
  private async answerChallenge(
    challenge: AuthChallenge | undefined,
    method: string,
    url: URL,
  ): Promise<void> {
    const { login } = this.options;
    if (challenge?.scheme === 'basic') {
      if (login)
        this.authorization = `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`;
      return;
    }
    if (challenge?.scheme !== 'bearer' || !challenge.params.realm) return;
    const realm = new URL(challenge.params.realm);
    if (challenge.params.service) realm.searchParams.set('service', challenge.params.service);
    realm.searchParams.set(
      'scope',
      challenge.params.scope ?? `repository:${this.options.address.repository}:pull`,
    );
    const headers: Record<string, string> = { accept: 'application/json' };
    if (login)
      headers.authorization = `Basic ${Buffer.from(`${login.username}:${login.password}`).toString('base64')}`;
    const response = await this.fetchOnce('GET', realm, headers);
    if (!response.ok) {
      await response.body?.cancel();
      throw new OciRegistryError(
        `${method} ${url.href}: token request to ${realm.origin}${realm.pathname} answered ${response.status} ${response.statusText}`.trimEnd(),
        kindOfStatus(response.status),
        response.status,
      );
    }
    const body = parseJson(
      (await this.read(response, MAX_TOKEN_BYTES, 'token response')).data,
      'token response',
    ) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token)
      throw new OciRegistryError(`${method} ${url.href}: token response without a token`, 'unauthorized');
    this.authorization = `Bearer ${token}`;
  }
}

function parseJson(data: Buffer, what: string): unknown {
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    throw new OciRegistryError(`invalid ${what}: not valid JSON`, 'format');
  }
}

/** The `rel="next"` target of a `Link` header, if any. Pure. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(header);
  return match?.[1];
}

function networkCause(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    return reason instanceof Error && reason.name === 'TimeoutError'
      ? 'context deadline exceeded'
      : 'context canceled';
  }
  const cause = (error as { cause?: { message?: string; code?: string } }).cause;
  return cause?.message ?? (error instanceof Error ? error.message : String(error));
}
