import type { IncomingHttpHeaders } from 'node:http';

import type { GitRequestTarget } from './request-target.js';

/** What {@link buildCgiEnv} needs to know about one request. */
export interface CgiRequest {
  projectRoot: string;
  method: string;
  target: GitRequestTarget;
  headers: IncomingHttpHeaders;
  /** The authenticated user, when the server checks credentials. */
  remoteUser?: string;
  remoteAddr?: string;
  /** `PATH` for the backend, so it finds `git-upload-pack` and friends. */
  path: string;
}

/**
 * The environment for one `git http-backend` run. Built from scratch rather than inherited,
 * so nothing from this process (credentials, `GIT_DIR`) leaks into the backend.
 */
export function buildCgiEnv(request: CgiRequest): Record<string, string> {
  const { headers } = request;
  const env: Record<string, string> = {
    PATH: request.path,
    GATEWAY_INTERFACE: 'CGI/1.1',
    SERVER_PROTOCOL: 'HTTP/1.1',
    GIT_PROJECT_ROOT: request.projectRoot,
    GIT_HTTP_EXPORT_ALL: '1',
    // The system gitconfig is not ours; the repository's own config (http.receivepack) still applies.
    GIT_CONFIG_NOSYSTEM: '1',
    PATH_INFO: request.target.pathInfo,
    QUERY_STRING: request.target.queryString,
    REQUEST_METHOD: request.method,
    CONTENT_TYPE: headers['content-type'] ?? '',
  };
  const optional: Record<string, string | undefined> = {
    CONTENT_LENGTH: headers['content-length'],
    // http-backend inflates gzip request bodies itself when told the encoding.
    HTTP_CONTENT_ENCODING: headers['content-encoding'],
    GIT_PROTOCOL: singleHeader(headers['git-protocol']),
    REMOTE_USER: request.remoteUser,
    REMOTE_ADDR: request.remoteAddr,
  };
  for (const [name, value] of Object.entries(optional)) {
    if (value !== undefined && value !== '') env[name] = value;
  }
  return env;
}

function singleHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
