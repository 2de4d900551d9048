import { parse } from 'yaml';

/**
 * What a self-contained kubeconfig says about its current context: where the API server is
 * and how to authenticate, with every credential inline.
 */
export interface KubeConnection {
  server: string;
  /** PEM bytes of the cluster CA (`certificate-authority-data`). */
  caData?: Buffer;
  /** PEM client certificate and key (`client-certificate-data`, `client-key-data`). */
  certData?: Buffer;
  keyData?: Buffer;
  token?: string;
  username?: string;
  password?: string;
  /** `tls-server-name`: the name to verify the server certificate against. */
  tlsServerName?: string;
}

/** A kubeconfig the engine will not use; the message never quotes credentials. */
export class KubeconfigRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeconfigRefused';
  }
}

type Entry = Record<string, unknown>;

/**
 * Fields that would make the engine run a program or read its own disk on behalf of whoever
 * wrote the Secret (CVE-2022-24817). Flux drops them (exec unless `--insecure-kubeconfig-exec`);
 * refusing says why instead of failing later with an anonymous 401.
 */
const FORBIDDEN_USER_FIELDS: readonly [string, string][] = [
  ['exec', 'an exec credential plugin'],
  ['auth-provider', 'an auth-provider'],
  ['client-certificate', 'a client certificate file'],
  ['client-key', 'a client key file'],
  ['tokenFile', 'a token file'],
];

/** The `field` of the entry called `name` in a kubeconfig list (`clusters`, `users`, `contexts`). */
function pick(list: unknown, name: unknown, field: string): Entry | undefined {
  if (!Array.isArray(list)) return undefined;
  const found = (list as unknown[]).find(
    (e): e is Entry => !!e && typeof e === 'object' && (e as Entry).name === name,
  );
  const value = found?.[field];
  return value && typeof value === 'object' ? (value as Entry) : undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
/** Go decodes `[]byte` fields with strict standard base64 (newlines ignored): anything else is an error. */
const STD_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const b64 = (v: unknown, field: string): Buffer | undefined => {
  const text = str(v)?.replace(/[\r\n]/g, '');
  if (text === undefined) return undefined;
  if (!STD_BASE64.test(text)) throw new KubeconfigRefused(`the kubeconfig's ${field} is not valid base64`);
  return Buffer.from(text, 'base64');
};

/**
 * Reads the current context of a kubeconfig given as text (e.g. from a Secret), accepting only
 * inline credentials: exec plugins, auth-providers and file references are refused, and
 * `insecure-skip-tls-verify` is ignored (TLS is always verified, as Flux does without
 * `--insecure-kubeconfig-tls`). Pure.
 */
export function parseKubeconfigContent(text: string): KubeConnection {
  let doc: unknown;
  try {
    doc = parse(text, { maxAliasCount: 100 });
  } catch {
    throw new KubeconfigRefused('the kubeconfig is not valid YAML');
  }
  if (!doc || typeof doc !== 'object') throw new KubeconfigRefused('the kubeconfig is empty');
  const config = doc as Entry;
  const contextName = config['current-context'];
  const context = pick(config.contexts, contextName, 'context');
  if (!context)
    throw new KubeconfigRefused(
      `the kubeconfig has no current context${str(contextName) ? ` '${String(contextName)}'` : ''}`,
    );
  const cluster = pick(config.clusters, context.cluster, 'cluster');
  const server = str(cluster?.server);
  if (!cluster || !server)
    throw new KubeconfigRefused(`the kubeconfig has no server for context '${String(contextName)}'`);
  if (str(cluster['certificate-authority'])) {
    throw new KubeconfigRefused(
      `cluster '${String(context.cluster)}' references a certificate authority file; a kubeconfig from a Secret must be self-contained`,
    );
  }
  const user = pick(config.users, context.user, 'user') ?? {};
  for (const [field, what] of FORBIDDEN_USER_FIELDS) {
    if (user[field] !== undefined && user[field] !== null && user[field] !== '') {
      throw new KubeconfigRefused(
        `user '${String(context.user)}' uses ${what} ('${field}'), which is not allowed in a kubeconfig from a Secret`,
      );
    }
  }
  return {
    server: server.replace(/\/$/, ''),
    caData: b64(cluster['certificate-authority-data'], 'certificate-authority-data'),
    tlsServerName: str(cluster['tls-server-name']),
    certData: b64(user['client-certificate-data'], 'client-certificate-data'),
    keyData: b64(user['client-key-data'], 'client-key-data'),
    token: str(user.token),
    username: str(user.username),
    password: str(user.password),
  };
}
