/**
 * Layers Flux Kustomization spec fields into a kustomization.yaml document, as fluxcd/pkg
 * `kustomize.Generator.GenerateManifest` does. Pure: the document in, the document out.
 */

/** A kustomize target selector (Flux's `patches[].target`). */
export interface PatchSelector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** The Kustomization spec fields that shape kustomization.yaml. */
export interface OverlaySpec {
  targetNamespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  patches?: { patch: string; target?: PatchSelector }[];
  images?: { name: string; newName?: string; newTag?: string; digest?: string }[];
  components?: string[];
  ignoreMissingComponents?: boolean;
  buildMetadata?: string[];
}

/** A kustomization.yaml as a loose document. */
export type KustomizationDoc = Record<string, unknown>;

/** How the file was found. */
export interface OverlayContext {
  /** True when Flux generated the file (no kustomization file in the directory). */
  generated: boolean;
  /** Whether a component path exists, relative to the kustomization directory. */
  componentExists: (path: string) => boolean;
}

const REMOTE_PREFIXES = [
  'git::',
  'gh:',
  'ssh://',
  'https://',
  'http://',
  'git@',
  'github.com:',
  'github.com/',
];

/** fluxcd/pkg `IsLocalRelativePath`: not a remote reference and not absolute (also after `file://`). Pure. */
export function isLocalRelativePath(path: string): boolean {
  const lower = path.toLowerCase();
  if (REMOTE_PREFIXES.some((p) => p.length < path.length && lower.startsWith(p))) return false;
  return !path.startsWith('/') && !lower.replace(/^file:\/\//, '').startsWith('/');
}

function compact<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== ''),
  ) as Partial<T>;
}

/** One change to kustomization.yaml; applied to the YAML document so untouched values keep their spelling. */
export type OverlayEdit =
  | { op: 'set'; key: string; value: string | string[] }
  | { op: 'append'; key: 'patches' | 'components'; items: unknown[] }
  | { op: 'updateImage'; index: number; newName?: string; version?: { newTag?: string; digest?: string } }
  | { op: 'addImage'; image: Record<string, string> };

function imageEdits(existing: unknown, images: NonNullable<OverlaySpec['images']>): OverlayEdit[] {
  const names = Array.isArray(existing)
    ? existing.map((i) => (i && typeof i === 'object' ? (i as { name?: unknown }).name : undefined))
    : [];
  const edits: OverlayEdit[] = [];
  for (const image of images) {
    const index = names.indexOf(image.name);
    if (index < 0) {
      names.push(image.name);
      edits.push({
        op: 'addImage',
        image: compact({
          name: image.name,
          newName: image.newName,
          newTag: image.newTag,
          digest: image.digest,
        }) as Record<string, string>,
      });
      continue;
    }
    // newTag and digest select the version together: setting one replaces both (kustomize's rule).
    const version =
      image.newTag || image.digest ? compact({ newTag: image.newTag, digest: image.digest }) : undefined;
    edits.push({
      op: 'updateImage',
      index,
      ...(image.newName ? { newName: image.newName } : {}),
      ...(version ? { version } : {}),
    });
  }
  return edits;
}

function componentItems(spec: OverlaySpec, ctx: OverlayContext): string[] {
  const out: string[] = [];
  for (const component of spec.components ?? []) {
    if (!isLocalRelativePath(component))
      throw new Error(`component path '${component}' must be local and relative`);
    if (spec.ignoreMissingComponents && !ctx.componentExists(component)) continue;
    out.push(component);
  }
  return out;
}

/**
 * The edits Flux makes to kustomization.yaml: `targetNamespace` → `namespace`, `namePrefix`,
 * `nameSuffix`, spec `patches` appended, `components` appended (missing ones skipped when
 * `ignoreMissingComponents`), `images` merged by name, `buildMetadata`; an existing file with
 * no resources gets `buildMetadata: [originAnnotations]`. Throws on non-local components. Pure.
 */
export function planOverlay(doc: KustomizationDoc, spec: OverlaySpec, ctx: OverlayContext): OverlayEdit[] {
  const edits: OverlayEdit[] = [];
  if (doc.apiVersion === undefined)
    edits.push({ op: 'set', key: 'apiVersion', value: 'kustomize.config.k8s.io/v1beta1' });
  if (doc.kind === undefined) edits.push({ op: 'set', key: 'kind', value: 'Kustomization' });
  const resources = doc.resources;
  if (!ctx.generated && (!Array.isArray(resources) || resources.length === 0))
    edits.push({ op: 'set', key: 'buildMetadata', value: ['originAnnotations'] });
  if (spec.targetNamespace !== undefined)
    edits.push({ op: 'set', key: 'namespace', value: spec.targetNamespace });
  if (spec.namePrefix !== undefined) edits.push({ op: 'set', key: 'namePrefix', value: spec.namePrefix });
  if (spec.nameSuffix !== undefined) edits.push({ op: 'set', key: 'nameSuffix', value: spec.nameSuffix });
  if (spec.patches?.length) {
    const items = spec.patches.map((p) =>
      compact({ patch: p.patch, target: p.target ? compact(p.target) : undefined }),
    );
    edits.push({ op: 'append', key: 'patches', items });
  }
  const components = componentItems(spec, ctx);
  if (components.length > 0) edits.push({ op: 'append', key: 'components', items: components });
  if (spec.images?.length) edits.push(...imageEdits(doc.images, spec.images));
  if (spec.buildMetadata?.length)
    edits.push({ op: 'set', key: 'buildMetadata', value: [...spec.buildMetadata] });
  return edits;
}

/** Applies edits to a plain document (the semantics the YAML-level writer follows). Pure. */
export function applyOverlay(doc: KustomizationDoc, edits: readonly OverlayEdit[]): KustomizationDoc {
  const out: KustomizationDoc = structuredClone(doc);
  for (const edit of edits) {
    if (edit.op === 'set') out[edit.key] = edit.value;
    else if (edit.op === 'append')
      out[edit.key] = [...(Array.isArray(out[edit.key]) ? (out[edit.key] as unknown[]) : []), ...edit.items];
    else if (edit.op === 'addImage')
      out.images = [...(Array.isArray(out.images) ? (out.images as unknown[]) : []), { ...edit.image }];
    else {
      const image = (out.images as Record<string, unknown>[])[edit.index] ?? {};
      if (edit.newName) image.newName = edit.newName;
      if (edit.version) {
        delete image.newTag;
        delete image.digest;
        Object.assign(image, edit.version);
      }
    }
  }
  return out;
}

/** {@link planOverlay} then {@link applyOverlay}. Pure. */
export function overlayKustomization(
  doc: KustomizationDoc,
  spec: OverlaySpec,
  ctx: OverlayContext,
): KustomizationDoc {
  return applyOverlay(doc, planOverlay(doc, spec, ctx));
}
