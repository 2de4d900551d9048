/** Flux's HelmRepository condition and event messages, in one place. */
export const HelmRepoMessages = {
  inProgress: 'reconciliation in progress',
  stored: (revision: string): string => `stored artifact for revision '${revision}'`,
  fetched: (size: string, url: string): string => `stored fetched index of size ${size} from '${url}'`,
  newRevision: (revision: string): string => `building artifact: new index revision '${revision}'`,
  staticReady: 'Helm repository is Ready',
  ociUrlWithDefaultType: "invalid Helm repository URL: 'oci://' URLs need 'type: oci'",
  /** source-controller's `GetClientOpts` wording; `what` is `authentication secret` or `TLS authentication secret`. */
  secretMissing: (what: string, namespace: string, name: string, detail: string): string =>
    `failed to get ${what} '${namespace}/${name}': ${detail}`,
} as const;
