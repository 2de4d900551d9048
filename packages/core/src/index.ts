export * from './api/index.js';
export { createEngine, type Engine, type EngineOptions } from './engine.js';
export { KubeClient, type KubeClientOptions } from './kube/client.js';
export { Resources, type ObjectRef } from './kube/resources.js';
export { Informer, objectKey, type InformerHandlers } from './kube/informer.js';
export type { KubeObject, KubeList } from './kube/objects.js';
export { objectSubject } from './kube/objects.js';
export { isNotFound, KubeApiError } from './kube/errors.js';
export { parseInventoryEntry, type ObjectIdentity } from './kube/inventory.js';
export { formatDuration, parseDuration } from './runtime/duration.js';
export { getCondition } from './runtime/conditions.js';
export type { Logger } from './runtime/controller.js';
export {
  buildDeliveryGraph,
  nodeState,
  type DeliveryGraph,
  type GraphNode,
  type GraphEdge,
  type NodeState,
} from './graph/model.js';
export { toMermaid, escapeMermaidLabel } from './graph/mermaid.js';
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
export { PlanUnavailableError, type KustomizationPlan } from './controllers/kustomization/plan.js';
export type { PlannedObject } from './kube/dry-run-plan.js';
export type { FieldChange } from './kube/field-diff.js';
