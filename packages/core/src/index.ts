export * from './api/index.js';
export { createEngine, type Engine, type EngineOptions } from './engine.js';
export { KubeClient, type KubeClientOptions } from './kube/client.js';
export { Resources, type ObjectRef } from './kube/resources.js';
export { UnknownKindError } from './kube/resource-mapper.js';
export { Informer, objectKey, type InformerHandlers } from './kube/informer.js';
export type { KubeObject, KubeList } from './kube/objects.js';
export { objectSubject } from './kube/objects.js';
export { isNotFound, KubeApiError } from './kube/errors.js';
export { parseInventoryEntry, type ObjectIdentity } from './kube/inventory.js';
export { formatDuration, parseDuration } from './runtime/duration.js';
export { compileGoRegexp, GoRegexpError } from './regex/index.js';
export { parseImageName, ImageNameError } from './images/image-name.js';
export { getCondition } from './runtime/conditions.js';
export type { Logger, LogLevel } from './runtime/controller.js';
export type {
  MetricsSink,
  QueueMetrics,
  ReconcileObservation,
  ReconcileOutcome,
} from './runtime/metrics-sink.js';
export {
  buildDeliveryGraph,
  nodeState,
  type DeliveryGraph,
  type GraphNode,
  type GraphEdge,
  type GraphInput,
  type NodeState,
} from './graph/model.js';
export { toMermaid, escapeMermaidLabel, mermaidIds, labelLines } from './graph/mermaid.js';
export * from './graph/view-model.js';
export { buildGraphView, clampBudget, type ViewOptions } from './graph/view.js';
export { DEFAULT_HOPS, type GraphScope } from './graph/scope.js';
export { DEFAULT_NODE_BUDGET, MAX_NODE_BUDGET, MIN_NODE_BUDGET } from './graph/budget.js';
export {
  inventoryWorkloads,
  type HealthLookup,
  type WorkloadHealth,
  type WorkloadStatus,
} from './graph/workloads.js';
export { workloadsNamedIn, type NamedWorkload } from './graph/health-message.js';
export {
  explainNotReady,
  type AutomationLink,
  type CauseLink,
  type CauseRelation,
  type RootCause,
} from './graph/root-cause.js';
export { computeStatus } from './kube/health/kstatus.js';
export * from './graph/state-palette.js';
export { RECONCILE_REQUESTED_ANNOTATION } from './api/meta.js';
export { redactUrlCredentials } from './runtime/redact.js';
export type { ReceiverGateway, WebhookCall, WebhookAnswer } from './controllers/receiver/gateway.js';
export { webhookPath } from './controllers/receiver/receiver-path.js';
export type { EngineState } from './runtime/reconcile-gate.js';
export {
  detectFluxControllers,
  FLUX_CONTROLLER_NAMES,
  type FluxControllerSighting,
} from './kube/flux-presence.js';
export {
  FORCE_REQUESTED_ANNOTATION,
  RESET_REQUESTED_ANNOTATION,
} from './controllers/helmrelease/annotation-requests.js';
export {
  composeValues,
  readValues,
  ValuesReferenceError,
  type ValuesObject,
  type ValuesObjectReader,
} from './controllers/helmrelease/values-compose.js';
export type { ValuesReference } from './api/helmrelease-spec.js';
export { PlanUnavailableError, type KustomizationPlan } from './controllers/kustomization/plan.js';
export type { HelmReleasePlan } from './controllers/helmrelease/plan.js';
export {
  createStandalonePlanner,
  type StandalonePlanner,
} from './controllers/helmrelease/standalone-planner.js';
export type { PlannedObject } from './kube/dry-run-plan.js';
export type { FieldChange } from './kube/field-diff.js';
export { decodeReleaseData, type StoredReleaseJson } from './kube/helm-storage/release-codec.js';
export { releaseSecretName } from './kube/helm-storage/release-storage.js';
export { buildLocalKustomization, type LocalBuildOptions } from './controllers/kustomization/local-build.js';
export type { Kustomization } from './api/kustomize-v1.js';
// The git CLI as the engine drives it (credentials as headers, SSH keys in 0600 files, never in
// argv), for `tideline bootstrap git`'s clone, commit and push.
export { cloneBranch, GitError, remoteBranchHead, runGit, type GitOptions } from './sources/git.js';
export { commitChanges, pushRefspecs } from './sources/git-commit.js';
export type { GitCredentials } from './sources/git-auth.js';
export { prepareGitTransport, type GitTransport } from './sources/git-transport.js';
