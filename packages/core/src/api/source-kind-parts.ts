import { artifactRevision, revisionColumn, SUSPENDED_COLUMN } from './kind-columns.js';
import type { KindCli, KindTraits } from './kind-definition.js';

/** What every source kind has: an artifact, `spec.suspend`, reconcile requests. */
export const SOURCE_TRAITS: KindTraits = {
  artifact: true,
  suspend: true,
  inventory: false,
  dependsOn: false,
  reconcilable: true,
};

/**
 * The CLI of a source kind: `source <word>` / `sources <word>`, REVISION and SUSPENDED columns,
 * and `fetched revision …` after a reconcile. HelmChart revisions are versions, never shortened.
 */
export function sourceCli(word: string, options: { truncateRevision?: boolean } = {}): KindCli {
  return {
    noun: `source ${word}`,
    listNoun: `sources ${word}`,
    aliases: [],
    columns: [revisionColumn(artifactRevision, options.truncateRevision ?? true), SUSPENDED_COLUMN],
    successLine: (obj) => `fetched revision ${artifactRevision(obj)}`,
  };
}
