import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, parseAllDocuments, Scalar, visit, type Document } from 'yaml';
import type { KubeObject } from '../kube/objects.js';
import { kustomizationFileIn } from './kustomization-file.js';

/**
 * The in-process build of a *plain* kustomization: one whose kustomization file only lists
 * manifest files under `resources`, each holding ordinary Kubernetes objects. For such a
 * directory `kustomize build` only concatenates the objects in its legacy kind order, so starting
 * the 58 MB kubectl for it is the dominant cost of a reconcile (about 40 ms of CPU each, on top of
 * the fork). Anything else — another kustomization key, a directory or URL in `resources`, YAML
 * whose meaning differs between kustomize's YAML 1.1 reader and ours (anchors, tags, `0755`,
 * `1_000`, `.inf` …), `List` kinds, objects kustomize would reject or that collide — returns
 * `undefined`, and the caller runs the real kustomize. `plain-build.test.ts` checks the result
 * object for object against `kubectl kustomize`.
 */
export async function plainBuild(
  dir: string,
  options: { maxBytes: number },
): Promise<KubeObject[] | undefined> {
  const file = kustomizationFileIn(dir);
  if (!file) return undefined;
  const files = plainResourceList(await readFile(file, 'utf8'));
  if (!files) return undefined;
  const objects: KubeObject[] = [];
  let bytes = 0;
  for (const rel of files) {
    const path = join(dir, rel);
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    bytes += info.size;
    if (bytes > options.maxBytes) return undefined; // kustomize reports the cap in its own words
    const parsed = plainObjects(await readFile(path, 'utf8'));
    if (!parsed) return undefined;
    objects.push(...parsed);
  }
  if (!uniqueIds(objects)) return undefined;
  return sortLegacy(objects);
}

const KUSTOMIZATION_API_VERSION = 'kustomize.config.k8s.io/v1beta1';

/** The `resources` of a kustomization file that says nothing else, when they are all plain paths. Pure. */
export function plainResourceList(text: string): string[] | undefined {
  const value = parseSingle(text);
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const doc = value as Record<string, unknown>;
  for (const key of Object.keys(doc))
    if (!['apiVersion', 'kind', 'resources'].includes(key)) return undefined;
  if (doc.apiVersion !== undefined && doc.apiVersion !== KUSTOMIZATION_API_VERSION) return undefined;
  if (doc.kind !== undefined && doc.kind !== 'Kustomization') return undefined;
  const resources = doc.resources;
  if (!Array.isArray(resources) || resources.length === 0) return undefined; // kustomize: "kustomization.yaml is empty"

  const paths: string[] = [];
  for (const r of resources) {
    if (
      typeof r !== 'string' ||
      !/\.ya?ml$/.test(r) ||
      r.includes('://') ||
      r.startsWith('/') ||
      r.split('/').includes('..')
    )
      return undefined;
    paths.push(r);
  }
  return paths;
}

function parseSingle(text: string): unknown {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.length !== 1) return undefined;
  const [doc] = docs;
  if (!doc || doc.errors.length > 0 || !sameInYaml11(doc)) return undefined;
  return doc.toJS() as unknown;
}

/** The objects of one manifest file, or undefined when kustomize might read it differently. Pure. */
export function plainObjects(text: string): KubeObject[] | undefined {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return undefined;
  const objects: KubeObject[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0 || doc.warnings.length > 0 || !sameInYaml11(doc)) return undefined;
    const value = doc.toJS() as unknown;
    if (value === null || value === undefined) continue; // kustomize skips empty documents
    if (!isPlainObject(value)) return undefined;
    objects.push(value);
  }
  return objects;
}

function isPlainObject(value: unknown): value is KubeObject {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  const o = value as Partial<KubeObject>;
  if (
    typeof o.apiVersion !== 'string' ||
    o.apiVersion === '' ||
    o.apiVersion.startsWith('kustomize.config.k8s.io')
  )
    return false;
  if (typeof o.kind !== 'string' || o.kind === '' || o.kind.endsWith('List')) return false;
  if (
    !o.metadata ||
    typeof o.metadata !== 'object' ||
    typeof o.metadata.name !== 'string' ||
    o.metadata.name === ''
  )
    return false;
  return o.metadata.namespace === undefined || typeof o.metadata.namespace === 'string';
}

/**
 * Plain scalars that kustomize's YAML 1.1-flavoured reader may type differently from YAML 1.2:
 * digit-only forms (`0755` is octal there, `1_000` an int, `1:30` sexagesimal, `1e3` a float),
 * `0x`/`0o`/`0b` numbers, `.inf`/`.nan`, and timestamps.
 */
const AMBIGUOUS_PLAIN = [
  /^[-+]?[0-9_.:]+([eE][-+]?[0-9]+)?$/,
  /^[-+]?0[xob]/i,
  /^[-+]?\.(inf|nan)$/i,
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/,
];
/** Numbers both readers type alike. */
const CLEAN_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?$/;

/** Why a plain scalar could mean something else to kustomize, if it could. Pure. */
function ambiguousPlain(node: Scalar): boolean {
  const source = node.source ?? String(node.value);
  if (typeof node.value === 'boolean') return source !== 'true' && source !== 'false';
  if (typeof node.value === 'number' || AMBIGUOUS_PLAIN.some((re) => re.test(source)))
    return !CLEAN_NUMBER.test(source);
  return false;
}

/**
 * Whether the document means the same to kustomize as to us: no anchors, aliases, explicit tags
 * or merge keys, only string keys, and no plain scalar typed differently under YAML 1.1. Pure.
 */
function sameInYaml11(doc: Document.Parsed): boolean {
  let same = true;
  const differ = (): symbol => {
    same = false;
    return visit.BREAK;
  };
  // yaml's visitor calls the most specific function only, so every one checks anchors and tags.
  const tagged = (node: { anchor?: string; tag?: string }): boolean => Boolean(node.anchor || node.tag);
  visit(doc, {
    Alias: differ,
    Map: (_key, node) => (tagged(node) ? differ() : undefined),
    Seq: (_key, node) => (tagged(node) ? differ() : undefined),
    Pair: (_key, pair) =>
      !isScalar(pair.key) || typeof pair.key.value !== 'string' || pair.key.value === '<<'
        ? differ()
        : undefined,
    Scalar: (_key, node) =>
      tagged(node) || (node.type === Scalar.PLAIN && ambiguousPlain(node)) ? differ() : undefined,
  });
  return same && (!doc.contents || isMap(doc.contents) || isScalar(doc.contents));
}

const gvkOf = (o: KubeObject): { group: string; version: string; kind: string } => {
  const slash = o.apiVersion.indexOf('/');
  return {
    group: slash < 0 ? '' : o.apiVersion.slice(0, slash),
    version: slash < 0 ? o.apiVersion : o.apiVersion.slice(slash + 1),
    kind: o.kind,
  };
};

/**
 * Whether every object has its own id. kustomize rejects duplicates with its own message, so
 * those builds are left to it; an empty namespace counts as `default`, to be safe. Pure.
 */
function uniqueIds(objects: readonly KubeObject[]): boolean {
  const seen = new Set<string>();
  for (const o of objects) {
    const id = `${gvkString(o)}|${o.metadata.namespace || 'default'}|${o.metadata.name}`;
    if (seen.has(id)) return false;
    seen.add(id);
  }
  return true;
}

/** kustomize's legacy resource order (api/resid/gvk.go): these kinds first, in this order … */
const ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
/** … these last, everything else in between. */
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function kindRank(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? 1 + last : 0;
}

/** kustomize's `Gvk.String()`: `group_version_kind`, `~G` for the core group. */
function gvkString(o: KubeObject): string {
  const { group, version, kind } = gvkOf(o);
  return `${group || '~G'}_${version || '~V'}_${kind || '~K'}`;
}

/** Sorts objects as `kustomize build` prints them: kind rank, then GVK, namespace and name. Pure. */
export function sortLegacy(objects: readonly KubeObject[]): KubeObject[] {
  const key = (o: KubeObject): [number, string, string, string] => [
    kindRank(o.kind),
    gvkString(o),
    o.metadata.namespace ?? '',
    o.metadata.name,
  ];
  return [...objects].sort((a, b) => {
    const [ra, ga, na, ma] = key(a);
    const [rb, gb, nb, mb] = key(b);
    if (ra !== rb) return ra - rb;
    for (const [x, y] of [
      [ga, gb],
      [na, nb],
      [ma, mb],
    ] as const) {
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}
