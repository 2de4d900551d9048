import type { FluxEvent } from '../event.js';
import type { HttpContext, ProviderTls } from './http-client.js';

/**
 * Fixed API endpoints of the services whose URL Flux does not take from `address`
 * (Telegram's bot API, Bitbucket Cloud's API). Overridden only to point tests at the sandbox
 * sink; every other provider is aimed with `address` as in Flux.
 */
export interface ServiceEndpoints {
  telegram: string;
  bitbucket: string;
}

/** The real endpoints. */
export const DEFAULT_SERVICE_ENDPOINTS: ServiceEndpoints = {
  telegram: 'https://api.telegram.org',
  bitbucket: 'https://api.bitbucket.org/2.0',
};

/** What a Provider and its Secrets configure (notification-controller's notifierOptions). */
export interface NotifierOptions {
  /** `spec.address`, or the Secret's `address`. */
  url: string;
  proxyUrl?: string;
  channel?: string;
  username?: string;
  password?: string;
  token?: string;
  /** The Secret's `headers` (YAML map). */
  headers?: Record<string, string>;
  tls?: ProviderTls;
  /** The commit status id (commit-status providers). */
  commitStatus?: string;
  providerUid: string;
  /** Every key of `secretRef`, for providers that read their own (none among Tideline's types). */
  secretData: Readonly<Record<string, string>>;
  endpoints: ServiceEndpoints;
}

/** One notification target. `post` resolves when the service accepted the event. */
export interface Notifier {
  post(event: FluxEvent, ctx: HttpContext): Promise<void>;
}

/** Builds a notifier; throws with Flux's message when the options cannot work (empty token, bad URL). */
export type NotifierFactory = (options: NotifierOptions) => Notifier;
