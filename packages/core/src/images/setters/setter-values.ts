import { imageRefString, type ImageRef } from '../../api/image-group.js';

/** A policy as the setters see it: where it lives and what it resolved to. */
export interface PolicyRef {
  namespace: string;
  name: string;
  latestRef: ImageRef;
}

/**
 * The four setters of each policy, as image-automation-controller defines them: `ns:name` (the
 * image `name:tag[@digest]`), `ns:name:tag`, `ns:name:name` and `ns:name:digest`. Pure.
 */
export function setterValues(policies: readonly PolicyRef[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const policy of policies) {
    const setter = `${policy.namespace}:${policy.name}`;
    values.set(setter, imageRefString(policy.latestRef));
    values.set(`${setter}:tag`, policy.latestRef.tag);
    values.set(`${setter}:name`, policy.latestRef.name);
    values.set(`${setter}:digest`, policy.latestRef.digest ?? '');
  }
  return values;
}
