/** Flux's GitRepository condition and event messages, in one place. */
export const GitMessages = {
  inProgress: 'reconciliation in progress',
  newGeneration: (from: number | undefined, to: number | undefined): string =>
    `processing object: new generation ${from ?? 0} -> ${to ?? 0}`,
  newRevision: (revision: string): string => `building artifact: new upstream revision '${revision}'`,
  outdatedRevision: (revision: string): string => `new upstream revision '${revision}'`,
  includesChanged: 'included artifacts differ from last observed includes',
  buildingIncludes: 'building artifact: included artifacts differ from last observed includes',
  disappeared: 'building artifact: disappeared from storage',
  stored: (revision: string): string => `stored artifact for revision '${revision}'`,
  storedCommit: (subject: string): string => `stored artifact for commit '${subject}'`,
  checkoutFailed: (detail: string): string => `failed to checkout and determine revision: ${detail}`,
  // The space before the colon is source-controller's.
  sparseFailed: (detail: string): string => `failed to sparse checkout directories : ${detail}`,
  emptyRepository: 'git repository is empty',
  upToDate: (revision: string): string => `artifact up-to-date with remote revision: '${revision}'`,
  noChanges: (revision: string): string =>
    `no changes since last reconciliation: observed revision '${revision}'`,
} as const;

/**
 * A commit subject as fluxcd/pkg `Commit.ShortMessage` shortens it: the first line, cut to
 * 50 characters (code points) plus `...`. Pure.
 */
export function shortMessage(message: string): string {
  const subject = message.split('\n')[0] ?? '';
  const chars = [...subject];
  return chars.length > 50 ? `${chars.slice(0, 50).join('')}...` : subject;
}
