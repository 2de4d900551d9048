import type { z } from 'zod';

/**
 * The shape of one entry of the kind registry (`registry.ts`): everything the engine, the
 * server, the CLI, the graph and the dashboard need to know about a Flux kind. This folder is
 * pure (zod and data only), so the dashboard may import it too.
 */

/** A printer column of a CRD version (`kubectl get`). */
export interface PrinterColumn {
  name: string;
  type: 'string' | 'date' | 'integer' | 'boolean';
  jsonPath: string;
  priority?: number;
}

/** The Flux controller that owns a kind; it names the component of the kind's events. */
export type FluxController =
  | 'source-controller'
  | 'kustomize-controller'
  | 'helm-controller'
  | 'image-reflector-controller'
  | 'image-automation-controller'
  | 'notification-controller';

/** The loosely typed view of a Flux object that registry functions read. */
export interface FluxObjectView {
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: Record<string, unknown>;
  status?: Record<string, unknown>;
}

/** One served version of a kind. */
export interface ServedVersion {
  name: string;
  /** The spec schema of this version; the kind's `spec` when absent. */
  spec?: z.ZodType;
  /** Set on versions Flux marks deprecated: the warning `kubectl` prints. */
  deprecationWarning?: string;
  /** Printer columns of this version, when they differ from the kind's (Alert v1beta2 vs v1beta3). */
  columns?: readonly PrinterColumn[];
}

/** What a kind has, so generic code (summaries, actions, the graph) knows what to read. */
export interface KindTraits {
  /** `status.artifact` (sources). */
  artifact: boolean;
  /** `spec.suspend`. */
  suspend: boolean;
  /** `status.inventory` of applied objects. */
  inventory: boolean;
  /** `spec.dependsOn` on objects of the same kind. */
  dependsOn: boolean;
  /** Reacts to `reconcile.fluxcd.io/requestedAt` (Alert and Provider do not). */
  reconcilable: boolean;
}

/** A reference to a Flux object in the graph. */
export interface KindObjectRef {
  kind: string;
  namespace: string;
  name: string;
}

/** Why two graph nodes are joined, and how the dashboard says it in words. */
export const EDGE_TYPE_LABELS = {
  source: 'source',
  dependsOn: 'depends on',
  inventory: 'applies',
  policy: 'selects tag for',
  pushes: 'pushes to',
  notifies: 'notifies',
  triggers: 'triggers',
} as const;

/** Why two graph nodes are joined. */
export type EdgeType = keyof typeof EDGE_TYPE_LABELS;

/** An edge a kind contributes: `from` feeds, is depended on by, or contains `to`. */
export interface KindEdge {
  from: KindObjectRef;
  to: KindObjectRef;
  type: EdgeType;
}

/** What an edge function may look up: the other objects of the cluster, by kind. */
export interface GraphWorld {
  list(kind: string): readonly FluxObjectView[];
}

/** One column of `flux get`, between NAME and READY. */
export interface CliColumn {
  header: string;
  cell(obj: FluxObjectView): string;
  /** Shorten 40–128-char hex runs as `flux get` does (REVISION columns, except HelmChart's). */
  truncateHex?: boolean;
}

/** How the `flux` CLI names and prints a kind. */
export interface KindCli {
  /** Words of `suspend`/`resume`/`reconcile` (`source git`, `kustomization`, `image policy`). */
  noun: string;
  /** How `flux` names the kind in its `► suspending …` lines, when not the noun (`image update automation`). */
  humanKind?: string;
  /** Words of `get` (`sources git`, `kustomizations`, `images policy`). */
  listNoun: string;
  /** Other accepted words (`ks`, `hr`, the singular of `get`). */
  aliases: readonly string[];
  /** The columns between NAME and READY. */
  columns: readonly CliColumn[];
  /** Fixed READY/MESSAGE for kinds without status (Alert, Provider): `flux get` prints these. */
  staticReady?: { ready: string; message: string };
  /** Objects `flux reconcile` leaves alone ("reconciliation not supported by the object"). */
  isStatic?(obj: FluxObjectView): boolean;
  /** The line after a successful reconcile (`fetched revision …`, `applied revision …`). */
  successLine(obj: FluxObjectView): string;
}

/** A section of the dashboard's detail page. */
export type DetailSection = 'conditions' | 'events' | 'inventory' | 'spec';

/** A kind-specific line of the detail page (chart and version, latest tag, last push, …). */
export interface DisplayFact {
  label: string;
  value: string;
  /** Shown in a monospace font (revisions, digests, tags). */
  mono?: boolean;
  /** The id (`Kind/namespace/name`) of a Flux object the value names, to link to. */
  objectId?: string;
}

/** How the dashboard presents a kind. */
export interface KindDisplay {
  /** What {@link KindDefinition.revision} means for this kind. */
  revisionLabel: string;
  /** Detail page sections, in order. */
  sections: readonly DetailSection[];
  /**
   * Facts about an object beyond the generic ones. Computed on the server (the dashboard gets
   * them in the detail DTO), so they must never read Secret-derived values. Pure.
   */
  facts?(obj: FluxObjectView): DisplayFact[];
}

/** One Flux kind: the registry entry every other table is derived from. */
export interface KindDefinition<K extends string = string> {
  group: string;
  kind: K;
  plural: string;
  singular: string;
  shortNames: readonly string[];
  categories: readonly string[];
  /** Served versions as Flux serves them; the first is the storage version. */
  versions: readonly [ServedVersion, ...ServedVersion[]];
  /** The storage version's spec schema, as the CRD validates it. */
  spec: z.ZodType;
  columns: readonly PrinterColumn[];
  controller: FluxController;
  traits: KindTraits;
  /** The revision a user reads in tables (artifact revision, last applied revision, …). Pure. */
  revision(obj: FluxObjectView): string;
  /** The graph edges this object contributes. Pure. */
  edges(obj: FluxObjectView, world: GraphWorld): KindEdge[];
  cli: KindCli;
  display: KindDisplay;
}

/** Declares a kind, keeping its name as a literal type. */
export function defineKind<const K extends string>(def: KindDefinition<K>): KindDefinition<K> {
  return def;
}

/** `group/version` of the storage version. Pure. */
export function storageApiVersion(def: Pick<KindDefinition, 'group' | 'versions'>): string {
  return `${def.group}/${def.versions[0].name}`;
}
