import { describe, expect, it } from 'vitest';

import { buildCgiEnv } from './cgi-env.js';

describe('buildCgiEnv', () => {
  const base = {
    projectRoot: '/srv/git',
    method: 'POST',
    target: { pathInfo: '/app.git/git-upload-pack', queryString: '' },
    path: '/usr/bin',
  };

  it('sets the variables git http-backend reads', () => {
    const env = buildCgiEnv({
      ...base,
      headers: {
        'content-type': 'application/x-git-upload-pack-request',
        'content-length': '42',
        'content-encoding': 'gzip',
        'git-protocol': 'version=2',
      },
      remoteUser: 'alice',
      remoteAddr: '127.0.0.1',
    });
    expect(env).toMatchObject({
      GIT_PROJECT_ROOT: '/srv/git',
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: '/app.git/git-upload-pack',
      QUERY_STRING: '',
      REQUEST_METHOD: 'POST',
      CONTENT_TYPE: 'application/x-git-upload-pack-request',
      CONTENT_LENGTH: '42',
      HTTP_CONTENT_ENCODING: 'gzip',
      GIT_PROTOCOL: 'version=2',
      REMOTE_USER: 'alice',
      REMOTE_ADDR: '127.0.0.1',
      PATH: '/usr/bin',
    });
  });

  it('leaves out what the request does not carry, and nothing else leaks in', () => {
    const env = buildCgiEnv({ ...base, method: 'GET', headers: {} });
    expect(Object.keys(env).sort()).toEqual(
      [
        'CONTENT_TYPE',
        'GATEWAY_INTERFACE',
        'GIT_CONFIG_NOSYSTEM',
        'GIT_HTTP_EXPORT_ALL',
        'GIT_PROJECT_ROOT',
        'PATH',
        'PATH_INFO',
        'QUERY_STRING',
        'REQUEST_METHOD',
        'SERVER_PROTOCOL',
      ].sort(),
    );
  });
});
