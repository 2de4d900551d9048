/**
 * What the API returns: plain, serialisable views of cluster objects. The web app imports
 * these as types only. Secrets never appear here: only Flux objects and Events are exposed.
 * One file per DTO family under `dto/`; this module is the one place importers name.
 */

export * from './dto/objects.js';
export type * from './dto/detail.js';
export type * from './dto/events.js';
export type * from './dto/notifications.js';
export type * from './dto/helm.js';
export type * from './dto/audit.js';
export type * from './dto/image-story.js';
export type * from './dto/plan.js';
export type * from './dto/graph.js';
export type * from './dto/system.js';
export type * from './dto/access.js';
