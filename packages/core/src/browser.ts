/**
 * What the dashboard may import from core: pure data and pure functions, no Node built-ins
 * (ESLint holds this). The kind registry, the state palette and the graph's defaults, so that the web's kind screens
 * and colours are derived from the same tables as the server, the CLI and the graph.
 */
export * from './api/kind-definition.js';
export * from './api/kind-columns.js';
export * from './api/registry.js';
export * from './graph/state-palette.js';
export { DEFAULT_HOPS } from './graph/scope.js';
export { DEFAULT_NODE_BUDGET, MAX_NODE_BUDGET, MIN_NODE_BUDGET } from './graph/budget.js';
