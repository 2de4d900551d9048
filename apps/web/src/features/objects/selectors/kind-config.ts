import { FLUX_KIND_NAMES, isFluxKindName, kindDefinition, type KindDisplay } from '@tideline/core/browser';
import type { FluxKind } from '@tideline/server';

/** A section of the detail page. */
export type { DetailSection } from '@tideline/core/browser';

/** How the generic list and detail screens present one kind: the kind registry's `display`. */
export type KindConfig = KindDisplay;

/** The kinds the dashboard knows, in `flux get all` order: the kind registry's. */
export const FLUX_KINDS: readonly FluxKind[] = FLUX_KIND_NAMES;

/** The screen configuration of a kind, from the kind registry. Pure. */
export function kindConfig(kind: FluxKind): KindConfig {
  const def = kindDefinition(kind);
  if (!def) throw new Error(`${kind} is not a registered kind`);
  return def.display;
}

/** What actions a kind takes: `suspend` (`spec.suspend`), `reconcilable` (`requestedAt`). Pure. */
export function kindActions(kind: string): { suspend: boolean; reconcile: boolean } {
  const traits = kindDefinition(kind)?.traits;
  return { suspend: traits?.suspend ?? false, reconcile: traits?.reconcilable ?? false };
}

/** True when `kind` is a Flux kind the API serves. Pure. */
export function isFluxKind(kind: string): kind is FluxKind {
  return isFluxKindName(kind);
}
