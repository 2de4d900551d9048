/** Go `regexp` (RE2) semantics in linear time: the one way core compiles a user- or registry-supplied pattern. */
export { compileGoRegexp, GoRegexp, GoRegexpError, type Submatch } from './go-regexp.js';
export { expandTemplate } from './go-expand.js';
