/** One RBAC PolicyRule, as a ClusterRole or Role lists it. */
export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  verbs: string[];
}

/** A request as the API server's RBAC authorizer sees it (`resource` may be `kind/subresource`). */
export interface AccessRequest {
  verb: string;
  group: string;
  resource: string;
  name?: string;
}

const matches = (list: readonly string[] | undefined, value: string): boolean =>
  (list ?? []).some((item) => item === '*' || item === value);

/**
 * Whether these rules allow the request, by the RBAC authorizer's matching: verb, API group and
 * resource each equal or `*`; `resourceNames`, when set, must name the object (a request
 * without a name, such as list or create-by-collection, never matches them). Pure.
 */
export function rulesAllow(rules: readonly PolicyRule[], request: AccessRequest): boolean {
  return rules.some(
    (rule) =>
      matches(rule.verbs, request.verb) &&
      matches(rule.apiGroups, request.group) &&
      matches(rule.resources, request.resource) &&
      (!rule.resourceNames?.length ||
        (request.name !== undefined && rule.resourceNames.includes(request.name))),
  );
}
