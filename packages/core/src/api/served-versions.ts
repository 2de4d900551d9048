import type { z } from 'zod';
import type { ServedVersion } from './kind-definition.js';

/**
 * An older version Flux still serves beside the storage version, with Flux's deprecation
 * warning. The CRD uses conversion `None`, so its objects are the storage version's with another
 * `apiVersion`; its spec keeps the fields it had that the newer version dropped (they are stored,
 * and ignored by the reconciler, as Flux's controllers ignore them). Pure.
 */
export function olderVersion(name: string, kind: string, spec: z.ZodObject, newest = 'v1'): ServedVersion {
  return {
    name,
    spec: spec.loose(),
    deprecationWarning: `${name} ${kind} is deprecated, upgrade to ${newest}`,
  };
}
