import type { FluxKind } from '@tideline/server';
import { isFluxKind } from './kind-config';

/** Identifies one Flux object; the input of `objects.get` and the action mutations. */
export interface ObjectKey {
  kind: FluxKind;
  namespace: string;
  name: string;
}

/** Kubernetes object names and namespaces: DNS-1123 subdomains. */
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** True when `value` is a valid namespace or object name. Pure. */
export function isKubeName(value: string): boolean {
  return value.length <= 253 && DNS_SUBDOMAIN.test(value);
}

/** The key of an object from URL segments, or undefined when they cannot name a Flux object. Pure. */
export function toObjectKey(kind: string, namespace: string, name: string): ObjectKey | undefined {
  if (!isFluxKind(kind) || !isKubeName(namespace) || !isKubeName(name)) return undefined;
  return { kind, namespace, name };
}

/** Parses the API's `<Kind>/<namespace>/<name>` id; undefined for non-Flux kinds or bad names. Pure. */
export function parseObjectId(id: string): ObjectKey | undefined {
  const parts = id.split('/');
  if (parts.length !== 3) return undefined;
  const [kind = '', namespace = '', name = ''] = parts;
  return toObjectKey(kind, namespace, name);
}

/** The detail page path of an object. Pure. */
export function objectHref(key: { kind: string; namespace: string; name: string }): string {
  return `/objects/${encodeURIComponent(key.kind)}/${encodeURIComponent(key.namespace)}/${encodeURIComponent(key.name)}`;
}

/** `Kind namespace/name`: how buttons and links name an object for assistive technology. Pure. */
export function objectLabel(key: { kind: string; namespace: string; name: string }): string {
  return `${key.kind} ${key.namespace}/${key.name}`;
}

/** A route segment decoded once; malformed escapes are kept as they are (and then fail validation). Pure. */
export function decodeSegment(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
