/** image-reflector-controller's ImageRepository messages (imagerepository_controller.go). */
export const RepositoryMessages = {
  inProgress: 'reconciliation in progress',
  newGeneration: (from: number | undefined, to: number | undefined): string =>
    `processing object: new generation ${from ?? 0} -> ${to ?? 0}`,
  scanning: (reason: string): string => `scanning: ${reason}`,
  ready: (count: number, checksum: string): string =>
    `successful scan: found ${count} tags with checksum ${checksum}`,
  authFailed: (detail: string): string => `failed to configure authentication options: ${detail}`,
  scanTimeFailed: (detail: string): string => `failed to determine if it's scan time: ${detail}`,
  scanFailed: (detail: string): string => `scan failed: ${detail}`,
  setTagsFailed: (canonical: string, detail: string): string =>
    `failed to set tags for "${canonical}": ${detail}`,
  featureGate:
    'to use spec.serviceAccountName for provider authentication please enable the ObjectLevelWorkloadIdentity feature gate in the controller',
  nextScan: (when: string): string => `next scan in ${when}`,
  scanned: (changed: boolean, when: string): string =>
    `${changed ? 'successful scan' : 'tags did not change'}, next scan in ${when}`,
  unchanged: (when: string): string =>
    `no change in repository configuration since last scan, next scan in ${when}`,
} as const;
