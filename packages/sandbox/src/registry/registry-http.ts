/** Basic-auth credentials for the sandbox registry. */
export interface RegistryCredentials {
  username: string;
  password: string;
}

/** The registry answered with an unexpected status; `status` says which. */
export class RegistryRequestError extends Error {
  override readonly name = 'RegistryRequestError';

  constructor(
    message: string,
    readonly status: number,
    readonly body: string,
  ) {
    super(message);
  }
}

/** Fetches `path` (or an absolute URL the registry handed out) from `http://host`, with basic auth when given. */
export async function registryFetch(
  host: string,
  path: string,
  init: RequestInit & { auth?: RegistryCredentials | undefined; expect: readonly number[] },
): Promise<Response> {
  const { auth, expect, ...rest } = init;
  const headers = new Headers(rest.headers);
  if (auth) {
    headers.set(
      'authorization',
      `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`,
    );
  }
  const url = new URL(path, `http://${host}`);
  const response = await fetch(url, { ...rest, headers });
  if (!expect.includes(response.status)) {
    const body = await response.text().catch(() => '');
    throw new RegistryRequestError(
      `${rest.method ?? 'GET'} ${url.pathname} answered ${response.status}: ${body.slice(0, 500)}`,
      response.status,
      body,
    );
  }
  return response;
}
