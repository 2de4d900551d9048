import type { StreamSink } from '../cache/stream-hub.js';
import type {
  AuditEntryDto,
  EventFilterDto,
  ImpactDto,
  EventsPageDto,
  FluxKind,
  FluxObjectDetail,
  FluxObjectSummary,
  GraphDto,
  HelmValuesDto,
  ImageStoryDto,
  PlanDto,
  ObjectsSnapshotDto,
  RootCauseDto,
  StreamMessage,
} from '../api/dto.js';
import type { Principal } from '../auth/principal.js';

/** Identifies one Flux object. */
export interface ObjectKey {
  kind: FluxKind;
  namespace: string;
  name: string;
}

/** Reads Flux objects from the watch cache. */
export interface ObjectsService {
  list(filter: { kind?: FluxKind; namespace?: string }): FluxObjectSummary[];
  /** Every summary with the stream position they are current at. */
  snapshot(): ObjectsSnapshotDto;
  get(key: ObjectKey): FluxObjectDetail | undefined;
  /** The image automation story an object's page tells (image kinds; empty for others). */
  imageStories(key: ObjectKey): Promise<ImageStoryDto[]>;
  /** Desired vs live: what the next apply of a Kustomization would change (nothing written). */
  plan(key: ObjectKey): Promise<PlanDto>;
  /** A HelmRelease's merged values, Secret values masked (read when asked). */
  values(key: ObjectKey): Promise<HelmValuesDto>;
}

/** Reads the server's bounded index of recent Events. */
export interface EventsService {
  list(filter: EventFilterDto, limit: number): EventsPageDto;
}

/** What part of the delivery graph to draw, and how. */
export interface GraphQuery {
  /** Only objects in these namespaces / of these kinds. */
  namespaces?: string[];
  kinds?: string[];
  /** Narrow to this object (`<Kind>/<namespace>/<name>`) ± `hops` edges. */
  focus?: string;
  hops?: number;
  /** At most this many nodes. */
  budget?: number;
  /** Appliers whose inventory to draw as workloads (the focus always is); `all`: every one. */
  expand?: string[];
  workloads?: 'all';
  /** An object whose root-cause path to draw, whatever the budget. */
  explain?: string;
}

/** Builds the delivery graph and root causes from the watch cache. */
export interface GraphService {
  get(query: GraphQuery): Promise<GraphDto>;
  /** Why an object is not Ready; undefined when it is not in the cache. */
  explain(id: string): Promise<RootCauseDto | undefined>;
}

/** Who asks for an action, and why (recorded in the audit log and on the object). */
export interface ActionActor {
  who: string;
  reason?: string;
}

/** Actions are patches to the cluster; controllers react to them as Flux's do. */
export interface ActionsService {
  suspend(key: ObjectKey, actor: ActionActor): Promise<void>;
  resume(key: ObjectKey, actor: ActionActor): Promise<void>;
  /** Sets `reconcile.fluxcd.io/requestedAt`; resolves the value written. */
  reconcile(key: ObjectKey, actor: ActionActor): Promise<string>;
  /**
   * The source `flux reconcile --with-source` reconciles first: a Kustomization's `sourceRef`,
   * a HelmRelease's generated HelmChart (`status.helmChart`); undefined for other kinds.
   */
  sourceOf(key: ObjectKey): ObjectKey | undefined;
  /** A HelmRelease's forced release or counter reset (`forceAt`/`resetAt` = `requestedAt`); resolves the value. */
  helmRequest(key: ObjectKey, which: 'force' | 'reset', actor: ActionActor): Promise<string>;
}

/** The audit log and blast radius of actions. */
export interface AuditService {
  list(limit: number, objectId?: string): AuditEntryDto[];
  /** What suspending these objects would hold back. */
  impact(keys: readonly ObjectKey[]): ImpactDto;
}

/** A message of the live stream with its resumable id. */
export interface StreamItem {
  id: string;
  message: StreamMessage;
}

/** The live stream of object changes and Events, resumable from an id. */
export interface StreamService {
  subscribe(lastEventId: string | undefined, signal: AbortSignal): AsyncIterable<StreamItem>;
  /** Attaches a raw SSE sink (the HTTP layer's fast path); resolves the function that detaches it. */
  attach(lastEventId: string | undefined, sink: StreamSink): () => void;
}

/** Everything the routers call. */
export interface Services {
  objects: ObjectsService;
  graph: GraphService;
  actions: ActionsService;
  stream: StreamService;
  events: EventsService;
  audit: AuditService;
}

/**
 * The services as one caller sees them: reads hold only what it may see, actions check its
 * role and are sent to the cluster as it. Built per request from the {@link Principal}.
 */
export type ServicesFor = (principal: Principal) => Services;

/** Raised when the caller's role does not allow an action (mapped to FORBIDDEN; the cluster is not asked). */
export class AccessDeniedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccessDeniedError';
  }
}

/** Raised when an object does not exist (mapped to NOT_FOUND). */
export class ObjectNotFoundError extends Error {
  constructor(key: ObjectKey) {
    super(`${key.kind} object '${key.name}' not found in "${key.namespace}" namespace`);
    this.name = 'ObjectNotFoundError';
  }
}

/** A diff that cannot be computed now (observe mode, no artifact, a build failure, too many at once). */
export class DiffUnavailableError extends Error {
  override name = 'DiffUnavailableError';
}

/** A HelmRelease's values that cannot be composed now (a missing reference, too many, too slow). */
export class ValuesUnavailableError extends DiffUnavailableError {
  override name = 'ValuesUnavailableError';
}
