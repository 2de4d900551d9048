import type { KustomizeSelector } from '../../api/helmrelease-v2.js';
import type { KubeObject } from '../../kube/objects.js';
import { compileGoRegexp } from '../../regex/index.js';

/**
 * Pure parts of drift detection: which objects are checked (and which ignore paths apply to
 * each), how an object is compared (server-written metadata and status left out), and how many
 * additions, changes and removals separate two objects (as a JSON patch counts them). Pure.
 */

const OPT_OUT = 'helm.toolkit.fluxcd.io/driftDetection';

type Json = Record<string, unknown>;

function matchesSelector(obj: KubeObject, s: KustomizeSelector | undefined): boolean {
  if (!s) return true;
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  // kustomize selectors are Go regular expressions, anchored as kustomize anchors them.
  const re = (pattern: string | undefined, value: string): boolean =>
    !pattern || compileGoRegexp(`^(?:${pattern})$`).matchString(value);
  const labels = obj.metadata.labels ?? {};
  const labelOk =
    !s.labelSelector ||
    s.labelSelector.split(',').every((term) => {
      const [k, v] = term.split('=');
      return k !== undefined && (v === undefined ? k.trim() in labels : labels[k.trim()] === v.trim());
    });
  return (
    re(s.group, group ?? '') &&
    re(s.version, version ?? '') &&
    re(s.kind, obj.kind) &&
    re(s.name, obj.metadata.name) &&
    re(s.namespace, obj.metadata.namespace ?? '') &&
    labelOk
  );
}

/** Objects to check (opted-out ones skipped, case-insensitively) with their ignore paths. Pure. */
export function driftTargets(
  objects: readonly KubeObject[],
  rules: readonly { paths: string[]; target?: KustomizeSelector }[],
): { object: KubeObject; ignore: string[] }[] {
  return objects
    .filter((o) => {
      const value = o.metadata.labels?.[OPT_OUT] ?? o.metadata.annotations?.[OPT_OUT];
      return value?.toLowerCase() !== 'disabled';
    })
    .map((object) => ({
      object,
      ignore: rules.filter((r) => matchesSelector(object, r.target)).flatMap((r) => r.paths),
    }));
}

/**
 * helm-controller's `setHelmMetadata`: the ownership marks Helm adds when it creates an object
 * (`app.kubernetes.io/managed-by: Helm`, `meta.helm.sh/release-name|namespace`) but does not
 * keep in the manifest. A dry-run apply without them would drop them where Helm's own apply owns
 * them (server-side installs) and call that drift. Pure.
 */
export function withHelmMetadata(obj: KubeObject, release: string, namespace: string): KubeObject {
  return {
    ...obj,
    metadata: {
      ...obj.metadata,
      labels: { ...obj.metadata.labels, 'app.kubernetes.io/managed-by': 'Helm' },
      annotations: {
        ...obj.metadata.annotations,
        'meta.helm.sh/release-name': release,
        'meta.helm.sh/release-namespace': namespace,
      },
    },
  };
}

/** Kubernetes 1.20 rejects a server-side apply of a Service port without `protocol`; TCP is its default. Pure. */
export function withServiceDefaults(obj: KubeObject): KubeObject {
  if (obj.kind !== 'Service' || obj.apiVersion !== 'v1') return obj;
  const spec = (obj as { spec?: { ports?: Json[] } }).spec;
  if (!spec?.ports) return obj;
  return {
    ...obj,
    spec: { ...spec, ports: spec.ports.map((p) => ({ protocol: 'TCP', ...p })) },
  } as KubeObject;
}

function removePointer(obj: Json, pointer: string): void {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let cur: unknown = obj;
  for (const [i, part] of parts.entries()) {
    if (!cur || typeof cur !== 'object') return;
    const container = cur as Record<string, unknown>;
    if (i === parts.length - 1) delete container[part];
    else cur = container[part];
  }
}

/** An object as compared: no status, no server-written metadata, ignore paths removed. Pure. */
export function normalizeForDiff(obj: KubeObject, ignore: readonly string[]): Json {
  const copy = structuredClone(obj) as unknown as Json;
  delete copy.status;
  const meta = copy.metadata as Json | undefined;
  if (meta) {
    for (const key of [
      'managedFields',
      'resourceVersion',
      'generation',
      'creationTimestamp',
      'uid',
      'selfLink',
    ])
      delete meta[key];
    const annotations = meta.annotations as Json | undefined;
    if (annotations) delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  }
  for (const path of ignore) removePointer(copy, path);
  return copy;
}

/** Additions, changes and removals turning `from` into `to` (JSON-patch style). Pure. */
export function diffCounts(from: unknown, to: unknown): { added: number; changed: number; removed: number } {
  const counts = { added: 0, changed: 0, removed: 0 };
  const walk = (a: unknown, b: unknown): void => {
    const aObj = a !== null && typeof a === 'object';
    const bObj = b !== null && typeof b === 'object';
    if (aObj && bObj && Array.isArray(a) === Array.isArray(b)) {
      const keys = new Set([...Object.keys(a as Json), ...Object.keys(b as Json)]);
      for (const k of keys) {
        const av = (a as Json)[k];
        const bv = (b as Json)[k];
        if (av === undefined) counts.added += 1;
        else if (bv === undefined) counts.removed += 1;
        else walk(av, bv);
      }
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b)) counts.changed += 1;
  };
  walk(from, to);
  return counts;
}
