/**
 * Which kustomization references kustomize would fetch over the network, decided before it
 * runs. Pure.
 *
 * kustomize (api/internal/loader, api/internal/git/repospec.go) fetches a reference when it is
 * an `http(s)://` URL (any file field: resources, patches, generator sources, crds, …, read
 * with Go's HTTP client) or a git-like URL (resources, bases, components: `git clone`). Git
 * URLs are: an `ssh://`, `https://` or `http://` scheme (after an optional `git::`), an
 * scp-like `user@host:path`, or `github.com/…`/`github.com:…` without a scheme. fluxcd/pkg's
 * `IsLocalRelativePath` adds `gh:`. Anything matching one of these is remote here, even the
 * odd string kustomize would later reject as malformed: refusing those costs nothing.
 * `file://` is not remote: the confinement check reads it as a path in the artifact (and git's
 * `file` transport is never allowed), as fluxcd/pkg does.
 */

/**
 * How kustomize would fetch a remote reference: `http` with its HTTP client (for resources,
 * then as a git clone when that fails), `git` only by cloning.
 */
export type RemoteKind = 'http' | 'git';

/** A remote reference and where it points. */
export interface RemoteReference {
  kind: RemoteKind;
  /** The host kustomize would contact, when one can be read from the reference. */
  host?: string;
}

const SCHEMES = ['ssh://', 'https://', 'http://'] as const;
/** kustomize's `extractUsername`: `^([a-zA-Z][a-zA-Z0-9-]*)@`. */
const USERNAME = /^[a-zA-Z][a-zA-Z0-9-]*@/;

const lowerStartsWith = (text: string, prefix: string): boolean =>
  text.length >= prefix.length && text.slice(0, prefix.length).toLowerCase() === prefix;

/** The host of an `ssh://`/`http(s)://` URL or of an scp-like `user@host:path`. */
function hostOf(rest: string): string | undefined {
  const end = rest.search(/[/:?#]/);
  const authority = end < 0 ? rest : rest.slice(0, end);
  const host = authority.slice(authority.lastIndexOf('@') + 1);
  return host === '' ? undefined : host.toLowerCase();
}

/** The host of a URL with a scheme, as WHATWG URL parsing normalises it (IPv4 numbers included). */
function urlHost(url: string, rest: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.hostname === '' ? undefined : parsed.hostname.replace(/^\[|\]$/g, '');
  } catch {
    return hostOf(rest);
  }
}

/** Whether, and how, kustomize would fetch `path` over the network. Pure. */
export function remoteReference(path: string): RemoteReference | undefined {
  const trimmed = path.trim();
  // kustomize's FileLoader: url.Parse succeeds with scheme http or https → HTTP GET.
  for (const scheme of ['https://', 'http://'] as const) {
    if (lowerStartsWith(trimmed, scheme))
      return { kind: 'http', host: urlHost(trimmed, trimmed.slice(scheme.length)) };
  }
  const git = lowerStartsWith(trimmed, 'git::') ? trimmed.slice('git::'.length) : trimmed;
  for (const scheme of SCHEMES) {
    if (lowerStartsWith(git, scheme)) return { kind: 'git', host: urlHost(git, git.slice(scheme.length)) };
  }
  if (git !== trimmed) return { kind: 'git', host: hostOf(git) };
  if (lowerStartsWith(git, 'github.com/') || lowerStartsWith(git, 'github.com:'))
    return { kind: 'git', host: 'github.com' };
  if (lowerStartsWith(git, 'gh:')) return { kind: 'git', host: 'github.com' };
  const user = USERNAME.exec(git);
  if (user) return { kind: 'git', host: hostOf(git.slice(user[0].length)) };
  return undefined;
}

/** kustomize-controller's `--no-remote-bases` help text, which is also our refusal's reason. */
export const NO_REMOTE_BASES =
  'remote bases are disabled: all resources must refer to local files included in the source artifact';
