/**
 * What the dashboard may import from core: pure data and pure functions, no Node built-ins
 * (ESLint holds this). The kind registry and the state palette, so that the web's kind screens
 * and colours are derived from the same tables as the server, the CLI and the graph.
 */
export * from './api/kind-definition.js';
export * from './api/kind-columns.js';
export * from './api/registry.js';
export * from './graph/state-palette.js';
