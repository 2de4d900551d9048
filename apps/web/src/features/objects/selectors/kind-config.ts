import type { FluxKind } from '@tideline/server';

/** A section of the detail page. */
export type DetailSection = 'conditions' | 'events' | 'inventory' | 'spec';

/** How the generic list and detail screens present one kind. */
export interface KindConfig {
  /** What `revision` means for this kind. */
  revisionLabel: string;
  /** Detail page sections, in order. */
  sections: readonly DetailSection[];
}

/**
 * Per-kind screen configuration. Typed as a record over `FluxKind`, so a kind added to the API
 * fails to compile here until it is configured.
 */
export const KIND_CONFIG: Readonly<Record<FluxKind, KindConfig>> = {
  GitRepository: {
    revisionLabel: 'Artifact revision',
    sections: ['conditions', 'events', 'spec'],
  },
  HelmRepository: {
    revisionLabel: 'Index revision',
    sections: ['conditions', 'events', 'spec'],
  },
  HelmChart: {
    revisionLabel: 'Chart version',
    sections: ['conditions', 'events', 'spec'],
  },
  OCIRepository: {
    revisionLabel: 'Artifact revision',
    sections: ['conditions', 'events', 'spec'],
  },
  Kustomization: {
    revisionLabel: 'Last applied revision',
    sections: ['conditions', 'events', 'inventory', 'spec'],
  },
};

/** The kinds the dashboard knows, in display order (the server exports its list as a type only). */
export const FLUX_KINDS: readonly FluxKind[] = Object.keys(KIND_CONFIG) as FluxKind[];

/** True when `kind` is a Flux kind the API serves. Pure. */
export function isFluxKind(kind: string): kind is FluxKind {
  return Object.hasOwn(KIND_CONFIG, kind);
}
