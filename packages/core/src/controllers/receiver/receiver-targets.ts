import type { ReceiverSpec } from '../../api/notification-v1.js';
import { compileCel } from '../../notify/cel-expression.js';

/** Flux's defaults when a Receiver resource has no apiVersion (notification-controller receiver_handlers.go). */
export const DEFAULT_FLUX_API_VERSIONS: Readonly<Record<string, string>> = {
  Bucket: 'source.toolkit.fluxcd.io/v1',
  HelmChart: 'source.toolkit.fluxcd.io/v1',
  HelmRepository: 'source.toolkit.fluxcd.io/v1',
  GitRepository: 'source.toolkit.fluxcd.io/v1',
  OCIRepository: 'source.toolkit.fluxcd.io/v1',
  ImageRepository: 'image.toolkit.fluxcd.io/v1',
  ArtifactGenerator: 'source.extensions.fluxcd.io/v1beta1',
};

/** A resource to annotate, resolved: one object, or every object of a kind carrying labels. */
export interface ReceiverTarget {
  apiVersion: string;
  kind: string;
  namespace: string;
  /** Set for one object; absent with `matchLabels` (`name: '*'`). */
  name?: string;
  labelSelector?: string;
  /** Accepts an object (CEL `res`), combining `resourceFilter` and the resource's `filter`. */
  accept(res: Record<string, unknown>): boolean;
}

/** The request body as CEL's `req`: parsed JSON for JSON content types, else an empty map. Pure. */
export function celRequest(contentType: string | undefined, body: Buffer): Record<string, unknown> {
  const json = (contentType ?? '')
    .split(',')
    .some((part) => part.split(';')[0]?.trim().toLowerCase() === 'application/json');
  if (!json) return {};
  const parsed = JSON.parse(body.toString('utf8')) as unknown;
  if (parsed === null || typeof parsed !== 'object') throw new Error('failed to parse request body as JSON');
  return parsed as Record<string, unknown>;
}

/**
 * The targets of a verified call (requestReconciliation): the namespace defaults to the
 * Receiver's, cross-namespace refs may be blocked, `*` needs `matchLabels`, an apiVersion is
 * needed outside Flux's defaults; filters are compiled once. Throws with Flux's messages.
 */
export function receiverTargets(
  receiver: { namespace: string; spec: ReceiverSpec },
  req: Record<string, unknown>,
  noCrossNamespaceRefs: boolean,
): ReceiverTarget[] {
  const top = receiver.spec.resourceFilter
    ? compileCel<boolean>(receiver.spec.resourceFilter, ['res', 'req'], 'bool')
    : undefined;
  return receiver.spec.resources.map((resource) => {
    let namespace = receiver.namespace;
    if (resource.namespace) {
      if (noCrossNamespaceRefs && resource.namespace !== receiver.namespace)
        throw new Error('cross-namespace references are not allowed');
      namespace = resource.namespace;
    }
    const apiVersion = resource.apiVersion || DEFAULT_FLUX_API_VERSIONS[resource.kind];
    if (!apiVersion) throw new Error(`apiVersion must be specified for kind "${resource.kind}"`);
    const own = resource.filter ? compileCel<boolean>(resource.filter, ['res', 'req'], 'bool') : undefined;
    const accept = (res: Record<string, unknown>): boolean =>
      [top, own].every((f) => f === undefined || f.evaluate({ res, req }));
    if (resource.name !== '*')
      return { apiVersion, kind: resource.kind, namespace, name: resource.name, accept };
    if (!resource.matchLabels) throw new Error("matchLabels field not set when using wildcard '*' as name");
    const labelSelector = Object.entries(resource.matchLabels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
    return { apiVersion, kind: resource.kind, namespace, labelSelector, accept };
  });
}
