import { FLUX_KINDS, type KindDefinition } from '@tideline/core';

/** A kind the CLI can address: a kind registry entry (its `cli` part says how `flux` names and prints it). */
export type CliKind = KindDefinition;

/** `flux get all` order: the registry's. */
export const ALL_KINDS: readonly CliKind[] = FLUX_KINDS;

/** Every word sequence that names a kind, longest first (so `sources git` wins over `sources`). */
const PHRASES: readonly { words: readonly string[]; kind: CliKind }[] = FLUX_KINDS.flatMap((kind) =>
  [kind.cli.noun, kind.cli.listNoun, ...kind.cli.aliases].map((phrase) => ({
    words: phrase.split(' '),
    kind,
  })),
).sort((a, b) => b.words.length - a.words.length);

/**
 * Parses the kind words of `get`/`suspend`/`resume`/`reconcile` as `flux` spells them
 * (`kustomization(s)`/`ks`, `source(s) git`, `helmrelease(s)`/`hr`, `image(s) policy`, …);
 * the rest are names. Pure.
 */
export function parseKindWords(words: readonly string[]): { kind: CliKind; rest: string[] } | undefined {
  for (const phrase of PHRASES) {
    if (phrase.words.every((word, i) => words[i] === word)) {
      return { kind: phrase.kind, rest: words.slice(phrase.words.length) };
    }
  }
  return undefined;
}

/** The `get` usage line, from the registry. Pure. */
export function getUsage(): string {
  return `tideline get all|${FLUX_KINDS.map((k) => k.cli.listNoun).join('|')} [-A|-n NS]`;
}

/** The usage line of an action, from the registry. Pure. */
export function actionUsage(action: string): string {
  return `tideline ${action} ${FLUX_KINDS.map((k) => k.cli.noun).join('|')} NAME [-n NS]`;
}
