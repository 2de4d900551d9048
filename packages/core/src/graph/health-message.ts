/** An object named in a failed health check, with the kstatus status it was last seen at. */
export interface NamedWorkload {
  kind: string;
  /** '' for cluster-scoped objects. */
  namespace: string;
  name: string;
  status: string;
}

/**
 * `<Kind>/<namespace>/<name> status: '<Status>'` or `<Kind>/<name> status: '<Status>'`, as
 * fluxcd/pkg's wait errors list objects (`timeout waiting for: [...]`, `failed early due to
 * stalled resources: [...]`) in Kustomization and HelmRelease messages.
 */
const SUBJECT =
  /([A-Za-z][A-Za-z0-9]*)\/([a-z0-9][a-z0-9.:-]*)(?:\/([a-z0-9][a-z0-9.:-]*))? status: '([A-Za-z]+)'/g;

/** At most this many objects are read from one message (Flux caps messages at 32 KiB anyway). */
const MAX_NAMED = 100;

/** The objects a health-check failure message names, in its order. Pure. */
export function workloadsNamedIn(message: string): NamedWorkload[] {
  const found: NamedWorkload[] = [];
  for (const match of message.slice(0, 32_768).matchAll(SUBJECT)) {
    const [, kind = '', first = '', second, status = ''] = match;
    found.push(
      second === undefined
        ? { kind, namespace: '', name: first, status }
        : { kind, namespace: first, name: second, status },
    );
    if (found.length >= MAX_NAMED) break;
  }
  return found;
}
