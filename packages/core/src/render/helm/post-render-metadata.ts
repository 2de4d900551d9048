import { parseAllDocuments, type Document } from 'yaml';

/**
 * The metadata post-renderers of helm-controller on Helm's rendered stream: commonMetadata
 * labels and annotations, then the origin labels (`helm.toolkit.fluxcd.io/name|namespace`),
 * set on `metadata` of every object as kustomize's label/annotation transformers do (only
 * `metadata/labels` and `metadata/annotations`, created when missing). With `nohooks` hooks
 * pass untouched; `separate` equals `combined` for these per-object transforms. Documents are
 * read as YAML 1.1 (what Helm reads back), so a new value like `yes` is written quoted. Pure.
 */

/** Labels and annotations to set on every object. */
export interface MetadataPatch {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** The annotation Helm puts on hooks. */
const HOOK_ANNOTATION = 'helm.sh/hook';

/** Splits a rendered stream into YAML documents (Helm's `---` separated), keeping empty ones out. Pure. */
export function parseStream(stream: string): Document[] {
  const parsed = parseAllDocuments(stream, { version: '1.1', uniqueKeys: false });
  const docs: Document[] = Array.isArray(parsed) ? parsed : [];
  return docs.filter((d) => d.contents !== null);
}

/** Whether a document is a Helm hook. Pure. */
export function isHook(doc: Document): boolean {
  return doc.getIn(['metadata', 'annotations', HOOK_ANNOTATION]) !== undefined;
}

/** Sets labels and annotations on one document's metadata (in place). */
export function patchMetadata(doc: Document, patch: MetadataPatch): void {
  if (doc.getIn(['kind']) === undefined) return;
  for (const [key, value] of Object.entries(patch.labels ?? {}))
    doc.setIn(['metadata', 'labels', key], value);
  for (const [key, value] of Object.entries(patch.annotations ?? {}))
    doc.setIn(['metadata', 'annotations', key], value);
}

/** Joins documents back into a stream. Pure. */
export function writeStream(docs: readonly Document[]): string {
  return docs.map((d) => `---\n${d.toString({ lineWidth: 0 })}`).join('');
}

/** Applies metadata patches in order to every object (hooks too unless `skipHooks`). Pure. */
export function applyMetadataPatches(
  stream: string,
  patches: readonly MetadataPatch[],
  skipHooks: boolean,
): string {
  const docs = parseStream(stream);
  for (const doc of docs) {
    const errors = doc.errors;
    if (errors.length > 0)
      throw new Error(`failed to parse post-rendered manifest: ${errors[0]?.message ?? ''}`);
    if (skipHooks && isHook(doc)) continue;
    for (const patch of patches) patchMetadata(doc, patch);
  }
  return writeStream(docs);
}
