import { stringify } from 'yaml';

/** What goes into the `docker-registry` config file. */
export interface RegistryConfigInput {
  /** Absolute folder for blobs and manifests. */
  storageDir: string;
  /** `127.0.0.1:PORT`. */
  addr: string;
  /** Signs upload state; stable across restarts so half-done uploads survive. */
  httpSecret: string;
  /** When set, basic auth against this bcrypt htpasswd file. */
  htpasswdPath?: string;
  realm?: string;
}

/**
 * The YAML config for CNCF distribution 2.8 (`docker-registry serve <file>`): filesystem
 * storage with deletes enabled, plain HTTP on loopback, no storage-driver health check, and
 * optionally an htpasswd `auth` block.
 */
export function registryConfigYaml(input: RegistryConfigInput): string {
  const config: Record<string, unknown> = {
    version: 0.1,
    log: { level: 'info', formatter: 'text' },
    storage: {
      filesystem: { rootdirectory: input.storageDir },
      delete: { enabled: true },
      // Upload purging walks the whole store on a timer; the sandbox's store is short-lived.
      maintenance: { uploadpurging: { enabled: false } },
    },
    http: { addr: input.addr, secret: input.httpSecret, headers: { 'X-Content-Type-Options': ['nosniff'] } },
    health: { storagedriver: { enabled: false } },
  };
  if (input.htpasswdPath !== undefined) {
    config['auth'] = { htpasswd: { realm: input.realm ?? 'tideline-sandbox', path: input.htpasswdPath } };
  }
  return stringify(config);
}
