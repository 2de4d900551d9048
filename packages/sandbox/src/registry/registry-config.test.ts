import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

import { registryConfigYaml } from './registry-config.js';

describe('registryConfigYaml', () => {
  const base = { storageDir: '/data/storage', addr: '127.0.0.1:5000', httpSecret: 's' };

  it('configures filesystem storage with deletes, loopback HTTP and no storage health check', () => {
    expect(parse(registryConfigYaml(base))).toMatchObject({
      version: 0.1,
      storage: { filesystem: { rootdirectory: '/data/storage' }, delete: { enabled: true } },
      http: { addr: '127.0.0.1:5000', secret: 's' },
      health: { storagedriver: { enabled: false } },
    });
    expect(parse(registryConfigYaml(base))).not.toHaveProperty('auth');
  });

  it('adds an htpasswd auth block when a file is given', () => {
    const config = parse(registryConfigYaml({ ...base, htpasswdPath: '/data/htpasswd' })) as Record<
      string,
      unknown
    >;
    expect(config['auth']).toEqual({ htpasswd: { realm: 'tideline-sandbox', path: '/data/htpasswd' } });
  });

  it('writes version 0.1 as a number, as distribution expects', () => {
    expect(registryConfigYaml(base)).toMatch(/^version: 0\.1$/m);
  });
});
