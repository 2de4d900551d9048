/** Flux's GitRepository condition and event messages, in one place. */
export const GitMessages = {
  inProgress: 'reconciliation in progress',
  newGeneration: (from: number | undefined, to: number | undefined): string =>
    `processing object: new generation ${from ?? 0} -> ${to ?? 0}`,
  newRevision: (revision: string): string => `building artifact: new upstream revision '${revision}'`,
  disappeared: 'building artifact: disappeared from storage',
  stored: (revision: string): string => `stored artifact for revision '${revision}'`,
  storedCommit: (subject: string): string => `stored artifact for commit '${subject}'`,
  checkoutFailed: (detail: string): string => `failed to checkout and determine revision: ${detail}`,
  upToDate: (revision: string): string => `artifact up-to-date with remote revision: '${revision}'`,
  noChanges: (revision: string): string => `no changes since last reconciliation: observed revision '${revision}'`,
} as const;
