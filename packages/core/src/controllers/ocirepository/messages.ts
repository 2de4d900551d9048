/** Flux's OCIRepository condition and event messages, in one place (source-controller ocirepository_controller.go). */
export const OciMessages = {
  inProgress: 'reconciliation in progress',
  newGeneration: (from: number | undefined, to: number | undefined): string =>
    `processing object: new generation ${from ?? 0} -> ${to ?? 0}`,
  building: 'building artifact',
  disappeared: 'building artifact: disappeared from storage',
  newRevision: (revision: string, reference: string): string =>
    `new revision '${revision}' for '${reference}'`,
  buildingRevision: (revision: string, reference: string): string =>
    `building artifact: new revision '${revision}' for '${reference}'`,
  stored: (revision: string): string => `stored artifact for digest '${revision}'`,
  upToDate: (revision: string): string => `artifact up-to-date with remote revision: '${revision}'`,
  credentialFailed: (detail: string): string => `failed to get credential: ${detail}`,
  secretNotFound: (namespace: string, name: string, detail: string): string =>
    `failed to get secret '${namespace}/${name}': ${detail}`,
  urlInvalid: (url: string, detail: string): string => `URL validation failed for '${url}': ${detail}`,
  tagFailed: (url: string, detail: string): string =>
    `failed to determine the artifact tag for '${url}': ${detail}`,
  digestFailed: (detail: string): string => `failed to determine artifact digest: ${detail}`,
  pullFailed: (url: string, detail: string): string => `failed to pull artifact from '${url}': ${detail}`,
  extractFailed: (detail: string): string => `failed to extract layer contents from artifact: ${detail}`,
  copyFailed: (detail: string): string => `failed to copy layer from artifact: ${detail}`,
  archiveFailed: (detail: string): string => `unable to archive artifact to storage: ${detail}`,
  copyToStorageFailed: (detail: string): string => `unable to copy artifact to storage: ${detail}`,
  /** The NewArtifact/Succeeded event, enriched with the origin annotations `flux push artifact` sets. */
  storedFrom: (revision: string, url: string, metadata: Record<string, string> | undefined): string => {
    const message = `stored artifact with revision '${revision}' from '${url}'`;
    const source = metadata?.['org.opencontainers.image.source'];
    const origin = metadata?.['org.opencontainers.image.revision'];
    return source && origin ? `${message}, origin source '${source}', origin revision '${origin}'` : message;
  },
} as const;
