import { FLUX_KINDS, type KindDefinition } from '@tideline/core';
import { UsageError } from './cli-error.js';

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

/** Like {@link parseKindWords}, but a missing or unknown kind is a usage error listing the kinds. Pure. */
export function requireKindWords(
  words: readonly string[],
  plural = false,
): { kind: CliKind; rest: string[] } {
  const parsed = parseKindWords(words);
  if (parsed) return parsed;
  const choices = kindWordChoices(plural).join(', ');
  if (words.length === 0) throw new UsageError(`a kind is required, one of: ${choices}`);
  throw new UsageError(`unknown kind "${words.join(' ')}", expected one of: ${choices}`);
}

/** The kind words a command takes (`get`: the plural list nouns; actions: the nouns), from the registry. Pure. */
export function kindWordChoices(plural: boolean): string[] {
  return FLUX_KINDS.map((k) => (plural ? k.cli.listNoun : k.cli.noun));
}

/** A kind given by its Kubernetes name, case-insensitively (`Kustomization`, `gitrepository`). Pure. */
export function kindByName(name: string): CliKind | undefined {
  return FLUX_KINDS.find((k) => k.kind.toLowerCase() === name.toLowerCase());
}
