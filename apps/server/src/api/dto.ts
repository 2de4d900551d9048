/**
 * What the API returns: plain, serialisable views of cluster objects. The web app imports
 * these as types only. Secrets never appear here: only Flux objects and Events are exposed.
 */

import type {
  DisplayFact,
  EdgeType,
  FluxKindName,
  NodeState,
  RootCause,
  ViewNodeType,
  WorkloadMember,
} from '@tideline/core';
import { FLUX_KIND_NAMES } from '@tideline/core';
import type { Role } from '../auth/roles.js';

/** The Flux kinds the API knows: the kind registry's, in `flux get all` order. */
export const FLUX_KINDS = FLUX_KIND_NAMES;
/** One of {@link FLUX_KINDS}. */
export type FluxKind = FluxKindName;

/** A status condition, as Flux writes it. */
export interface ConditionDto {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime: string;
  observedGeneration?: number;
}

/** The summary state the UI colours by. */
export type ReadyState = NodeState;

/** A row of the overview: one Flux object. */
export interface FluxObjectSummary {
  /** `<Kind>/<namespace>/<name>`: stable identity across the API. */
  id: string;
  kind: FluxKind;
  namespace: string;
  name: string;
  /** Ready condition status, `Unknown` when absent. */
  ready: ConditionDto['status'];
  readyReason: string;
  readyMessage: string;
  state: ReadyState;
  /** Artifact revision (sources) or last applied revision (Kustomizations). */
  revision: string;
  suspended: boolean;
  /** Who suspended it (`metadata.weave.works/suspended-by`), when recorded. */
  suspendedBy?: string;
  /** Why (`metadata.weave.works/suspended-comment`), when given. */
  suspendedComment?: string;
  /** lastTransitionTime of Ready. */
  lastTransition?: string;
  /** status.lastHandledReconcileAt. */
  lastHandledReconcileAt?: string;
  generation: number;
  observedGeneration: number;
  resourceVersion: string;
  /** Live state differs from the last apply, as far as anyone looked (absent when not known to). */
  drift?: DriftDto;
}

/**
 * A passive drift mark: helm-controller's `Drifted=True`, or the last desired-vs-live diff of a
 * Kustomization that found changes at the applied revision (computed when someone opens the
 * diff, never in the background; cleared by a new revision or a reconcile since).
 */
export interface DriftDto {
  by: 'helm-controller' | 'diff';
  message: string;
  /** When it was found. */
  at?: string;
}

/**
 * Every object's summary and the live stream's position when they were read: a stream
 * subscribed from `cursor` delivers exactly the changes after this list, so nothing is missed
 * and no snapshot is needed (Kubernetes' list-then-watch from a resourceVersion).
 */
export interface ObjectsSnapshotDto {
  items: FluxObjectSummary[];
  cursor: string;
}

/** The filters of the events page; absent means "all". Free text matches reason, message and object. */
export interface EventFilterDto {
  kind?: FluxKind;
  namespace?: string;
  name?: string;
  type?: 'Normal' | 'Warning';
  reason?: string;
  q?: string;
}

/** A page of the server's recent Events, newest first. */
export interface EventsPageDto {
  items: EventDto[];
  /** How many Events matched (items holds at most the page's limit). */
  matched: number;
  /** How many Events the server keeps, and its caps. */
  kept: number;
  limits: { perObject: number; total: number };
}

/** The actions the API offers on an object (`force` and `reset` on HelmReleases only). */
export type ActionName = 'suspend' | 'resume' | 'reconcile' | 'force' | 'reset';

/** One Helm release revision of a HelmRelease (`status.history`, newest first). */
export interface HelmRevisionDto {
  version: number;
  status: string;
  chart: string;
  appVersion?: string;
  action?: string;
  firstDeployed?: string;
  lastDeployed?: string;
  digest?: string;
  configDigest?: string;
  /** Test hooks by name with their phase (`Succeeded`, `Failed`, …) and when they ran. */
  tests: { name: string; phase: string; lastStarted?: string; lastCompleted?: string }[];
}

/** A HelmRelease's values as helm-controller composes them, every value from a Secret masked. */
export interface HelmValuesDto {
  /** The merged user-supplied values as YAML (sorted keys); Secret-derived values are `***`. */
  yaml: string;
  /** Where they came from, in merge order: `ConfigMap ns/name[key]`, `Secret …`, inline last. */
  sources: string[];
  /** The YAML was longer than the cap and is cut. */
  truncated: boolean;
}

/** What the HelmRelease page shows beyond the generic detail. */
export interface HelmReleaseDetailDto {
  history: HelmRevisionDto[];
  failures: number;
  installFailures: number;
  upgradeFailures: number;
  lastAttemptedReleaseAction?: string;
  lastHandledForceAt?: string;
  lastHandledResetAt?: string;
  /** Inline values as YAML (Flux objects carry no secret values; `valuesFrom` are named, not read). */
  valuesYaml: string;
  /** Where the rest of the values come from, in merge order: `ConfigMap ns/name[key]` or `Secret …` (never read). */
  valuesFrom: string[];
}

/** Sign-ins, sign-outs and API tokens made or revoked: audited, but about no Flux object. */
export type AccessActionName = 'sign-in' | 'sign-out' | 'token-create' | 'token-revoke';

/**
 * One line of the audit log: who did what to which object, when, why, from where, and how it
 * went. Access entries ({@link AccessActionName}) have an empty `objectId` and say what they
 * were about in `detail` (how one signed in; which token).
 */
export interface AuditEntryDto {
  at: string;
  who: string;
  action: ActionName | AccessActionName;
  objectId: string;
  reason?: string;
  outcome: 'ok' | 'failed';
  error?: string;
  /** The client's address (after trusted proxies), for access entries. */
  from?: string;
  /** What an access entry was about: `OIDC`, `admin token`, `token tl_ab12… "ci"`. */
  detail?: string;
}

/** What suspending objects would hold back: what they feed, apply or are depended on by. */
export interface ImpactDto {
  objects: {
    id: string;
    /** Entries of its inventory (objects it applied). */
    inventory: number;
    /** Objects it feeds directly, and how (`source`, `depends on`, `applies`, …). */
    direct: { id: string; type: EdgeType }[];
  }[];
  /** Every Flux object downstream of them (transitively), sorted, without the objects themselves. */
  downstream: string[];
  /** Inventory entries of the objects together. */
  inventoryTotal: number;
}

/** One inventory entry, parsed. */
export interface InventoryItemDto {
  id: string;
  version: string;
  kind: string;
  group: string;
  namespace: string;
  name: string;
}

/** A core/v1 Event about a Flux object. */
export interface EventDto {
  uid: string;
  namespace: string;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  /** `<Kind>/<name>` as `flux events` prints it. */
  object: string;
  objectId: string;
  count: number;
  firstTimestamp?: string;
  lastTimestamp?: string;
  source: string;
}

/** Something that happened to an object, for its timeline: a Ready transition or a new revision. */
export interface TransitionDto {
  at: string;
  type: 'condition' | 'revision' | 'history';
  title: string;
  detail: string;
  state?: ReadyState;
}

/** An Alert whose event sources cover an object: its events go to the Alert's Provider. */
export interface AlertCoverageDto {
  id: string;
  providerId?: string;
  /** `info` sends every event, `error` only errors. */
  severity: 'info' | 'error';
  suspended: boolean;
  /** The Alert has inclusion/exclusion lists: some messages are filtered out. */
  filtered: boolean;
}

/** A source's artifact as the detail page shows it (never its URL: that carries a secret prefix). */
export interface SourceArtifactDto {
  revision: string;
  digest?: string;
  size?: number;
  lastUpdateTime?: string;
  /** GitRepositories: the subject of the commit, from source-controller's NewArtifact Event. */
  commitMessage?: string;
}

/** One step of an image's way to the cluster, as the image automation story shows it. */
export interface ImageStoryAutomationDto {
  /** The ImageUpdateAutomation's id. */
  id: string;
  lastPushCommit?: string;
  lastPushTime?: string;
  /** The pushed commit's message, from the automation's push Event (its body after the summary line). */
  commitMessage?: string;
  /** The GitRepository it pushes to, and its artifact. */
  source?: {
    id: string;
    revision?: string;
    /** `pushed`: the artifact is the pushed commit; `later`: stored after the push; `older`: not yet. */
    containsPush: 'pushed' | 'later' | 'older' | 'unknown';
  };
  /** The Kustomizations applying that GitRepository, and whether they applied its artifact. */
  appliedBy: { id: string; lastAppliedRevision?: string; current: boolean }[];
}

/** A Pod running the policy's latest image. */
export interface ImageStoryPodDto {
  namespace: string;
  name: string;
  phase: string;
  ready: boolean;
}

/** Image automation, one story: registry scan → policy → automation's push → source → apply → pods. */
export interface ImageStoryDto {
  /** The ImagePolicy's id. */
  policy: string;
  /** `name:tag[@digest]` the policy selected, and the one before it. */
  latest?: string;
  previous?: string;
  repository?: { id: string; lastScanTime?: string; tagCount?: number };
  automations: ImageStoryAutomationDto[];
  /** Pods whose containers run `latest`, from the namespaces of the appliers' workloads. */
  pods: ImageStoryPodDto[];
  /** More pods were in those namespaces than were looked at (the lookup is capped). */
  podsTruncated: boolean;
}

/** One field the next apply would change (`flux diff`; Secret values masked as `***`). */
export interface PlanFieldChangeDto {
  path: string;
  type: 'added' | 'removed' | 'changed';
  before?: string;
  after?: string;
}

/** What the next apply would do to one object. */
export interface PlannedObjectDto {
  /** `Kind/namespace/name`. */
  subject: string;
  action: 'created' | 'configured' | 'unchanged' | 'skipped' | 'failed';
  changes: PlanFieldChangeDto[];
  /** More fields changed than are listed. */
  truncated: boolean;
  error?: string;
}

/** Desired vs live for a Kustomization: its source artifact built and dry-run against the cluster. */
export interface KustomizationPlanDto {
  revision: string;
  lastAppliedRevision?: string;
  objects: PlannedObjectDto[];
  /** What prune would delete. */
  pruned: string[];
  durationMs: number;
}

/**
 * Desired vs live for a HelmRelease: the chart rendered for the current spec (pinned helm,
 * merged values, post-renderers) against the release Helm last stored (`upgrade`, `pruned` =
 * objects Helm would delete) and dry-run against the cluster (`objects`, drift detection's
 * ignore rules applied). `revision`s are `<chart>@<version>`; Secret-derived values are masked.
 */
export interface HelmReleasePlanDto extends KustomizationPlanDto {
  kind: 'HelmRelease';
  /** `<ns>/<name>.v<N>` compared against; none before the first install. */
  release?: string;
  /** The merged values differ from that release's. */
  valuesChanged: boolean;
  /** What an upgrade changes in the stored manifest. */
  upgrade: PlannedObjectDto[];
}

/** A desired-vs-live answer: a Kustomization's or a HelmRelease's. */
export type PlanDto = KustomizationPlanDto | HelmReleasePlanDto;

/** One notification a Provider sent or failed to send, as Tideline's engine recorded it. */
export interface ProviderDeliveryDto {
  at: string;
  outcome: 'Succeeded' | 'Failed';
  /** `<Kind>/<namespace>/<name>` of the object the event was about. */
  subject: string;
  /** The Alert that routed it. */
  alertId: string;
  /** Why it failed: the token masked, URL credentials redacted. */
  message?: string;
}

/** One call to a Receiver's webhook. */
export interface ReceiverCallDto {
  at: string;
  /** The HTTP status answered. */
  status: number;
  accepted: boolean;
  /** How many objects were annotated to reconcile. */
  annotated: number;
}

/** Providers' deliveries and errors, Receivers' calls (newest first, bounded). */
export interface NotificationLogDto {
  /** Seen while this server ran (the engine's status keeps only the last). */
  deliveries: ProviderDeliveryDto[];
  calls: ReceiverCallDto[];
  /** `NotificationDispatchFailed` Events on the Alerts routing to this Provider. */
  errors: EventDto[];
}

/** Everything the detail page shows. */
export interface FluxObjectDetail extends FluxObjectSummary {
  conditions: ConditionDto[];
  inventory: InventoryItemDto[];
  events: EventDto[];
  /** The object's spec as YAML (Flux objects carry no secret values). */
  specYaml: string;
  sourceRef?: string;
  dependsOn: string[];
  /** Kind-specific facts from the kind registry (chart, latest tag, last push, …). */
  facts: DisplayFact[];
  /**
   * What happened to it, newest first: Ready transitions and revisions this server saw, and
   * `status.history` (Kustomization and HelmRelease keep one). Events come separately.
   */
  transitions: TransitionDto[];
  /** The Alerts that cover this object (which Providers hear about it). */
  alerts: AlertCoverageDto[];
  /** HelmReleases only. */
  helm?: HelmReleaseDetailDto;
  /** Sources only. */
  artifact?: SourceArtifactDto;
  /** Providers and Receivers only. */
  notifications?: NotificationLogDto;
}

/** A node of the drawn delivery graph: one Flux object, an applier's workloads of one kind, or "N more". */
export interface GraphNodeDto {
  /** `<Kind>/<namespace>/<name>` for objects; opaque but stable for workloads and groups. */
  id: string;
  type: ViewNodeType;
  kind: string;
  namespace: string;
  name: string;
  state: ReadyState;
  /** How the accessible list names it (`Kustomization flux-system/apps`, `Deployment ×3`, …). */
  label: string;
  /** The node's id in the Mermaid text (the drawn SVG's `flowchart-<mermaidId>-<n>` element). */
  mermaidId: string;
  /** How many objects it stands for, and how many in each state (groups). */
  count: number;
  states?: Partial<Record<ReadyState, number>>;
  /** Objects: the Ready reason and message. Workloads: the worst object's kstatus. */
  reason?: string;
  message?: string;
  /** The applier a workloads (or hidden workloads) node belongs to. */
  applier?: string;
  /** A workloads node's first objects, with their kstatus health. */
  members?: WorkloadMember[];
}

/** An edge of the drawn delivery graph. */
export interface GraphEdgeDto {
  from: string;
  to: string;
  type: EdgeType;
}

/** Why an object is not Ready: the chain from it to the first failing link (core's `explainNotReady`). */
export type RootCauseDto = RootCause;

/** The drawn delivery graph, its Mermaid text (structure only; labels escaped), and what it left out. */
export interface GraphDto {
  nodes: GraphNodeDto[];
  edges: GraphEdgeDto[];
  mermaid: string;
  /** Flux objects in scope (after filters and focus), and how many of them are in "N more" groups. */
  objects: number;
  hidden: number;
  /** The node budget applied. */
  budget: number;
  /** The explanation asked for with `explain`, its path drawn whatever the budget. */
  explanation?: RootCauseDto;
}

/** Who reconciles the cluster the dashboard shows, and what Tideline's engine is doing. */
export interface SystemStatusDto {
  /** `engine`: Tideline's engine runs in this server; `observe`: it only watches (`--observe`). */
  mode: 'engine' | 'observe';
  /** `active`: Tideline reconciles; `standby`: its engine waits (Flux runs, or another engine leads). */
  phase: 'starting' | 'active' | 'standby' | 'observing';
  /** What is going on, in words a user can act on. */
  message: string;
  /** Flux's controllers seen at work in the cluster. */
  fluxControllers: string[];
}

/** What the live stream yields. */
export type StreamMessage =
  | { type: 'object'; object: FluxObjectSummary }
  | { type: 'deleted'; id: string }
  | { type: 'event'; event: EventDto }
  | { type: 'system'; status: SystemStatusDto };

/** A role of Tideline's access policy. */
export type RoleName = Role;

/** The caller: who it is and its role, everywhere or per namespace (the dashboard hides what it may not do). */
export interface MeDto {
  subject: string;
  via: 'session' | 'bearer';
  /** The role in every namespace; null when limited to `namespaces`. */
  everywhere: RoleName | null;
  namespaces: { namespace: string; role: RoleName }[];
}
