/**
 * Whether a HelmRepository's credentials may be sent with a request to `targetUrl`, as Helm's
 * HTTP getter decides (`pkg/getter/httpgetter.go`, which Flux configures with
 * `WithPassCredentialsAll(spec.passCredentials)`): always when `passCredentials` is true,
 * otherwise only when the target has the repository URL's scheme and host, port included — so
 * a chart or redirect on another host (a CDN, another port) never receives them.
 *
 * Hosts are compared after WHATWG URL normalisation (lower-case host, default port dropped), so
 * `https://Charts.example:443` and `https://charts.example` are the same service. An
 * unparseable URL never receives credentials. Pure.
 */
export function shouldSendCredentials(repoUrl: string, targetUrl: string, passCredentials: boolean): boolean {
  if (passCredentials) return true;
  let repo: URL;
  let target: URL;
  try {
    repo = new URL(repoUrl);
    target = new URL(targetUrl);
  } catch {
    return false;
  }
  return repo.protocol === target.protocol && repo.host === target.host;
}
