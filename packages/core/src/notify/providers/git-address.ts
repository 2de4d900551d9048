import type { FluxEvent } from '../event.js';
import { commitOfRevision, eventRevision, nameAndDescription } from './format-name.js';

/**
 * A repository address as notification-controller's parseGitAddress reads it (git-urls):
 * `https://host/org/repo(.git)`, `ssh://git@host/org/repo`, or scp-like `git@host:org/repo`;
 * SSH becomes https. Returns the `<scheme>://<host>` and the path id without `.git`. Pure.
 */
export function parseGitAddress(address: string): { host: string; id: string } {
  const scp = /^([\w.-]+@)?([^:/]+):(?!\/\/)(.*)$/.exec(address);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(address)) {
    return { host: `https://${scp[2]}`, id: (scp[3] ?? '').replace(/^\/+/, '').replace(/\.git$/, '') };
  }
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new Error(`failed parsing URL "${address}"`);
  }
  const scheme = url.protocol === 'ssh:' ? 'https' : url.protocol.replace(':', '');
  return { host: `${scheme}://${url.host}`, id: url.pathname.replace(/^\/+/, '').replace(/\.git$/, '') };
}

/** `owner/repo` of an id, or Flux's error. Pure. */
export function ownerAndRepo(id: string, message = `invalid repository id '${id}'`): [string, string] {
  const parts = id.split('/');
  if (parts.length !== 2 || !parts[0] || !parts[1]) throw new Error(message);
  return [parts[0], parts[1]];
}

/** What a commit status says: the commit, Flux's description (`reconciliation succeeded`), the object name. */
export interface CommitStatusFacts {
  sha: string;
  name: string;
  description: string;
}

/** The commit and texts of a status, or Flux's error when the event names no revision. Pure. */
export function commitStatusFacts(event: FluxEvent): CommitStatusFacts {
  const revision = eventRevision(event);
  if (revision === undefined) throw new Error('missing revision metadata');
  const { name, description } = nameAndDescription(event);
  return { sha: commitOfRevision(revision), name, description };
}

/** Parses a JSON response body, or undefined. Pure. */
export function jsonBody(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
