import { existsSync, statSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { KustomizationDocument } from './kustomization-document.js';
import { planOverlay, type KustomizationDoc, type OverlaySpec } from './kustomization-overlay.js';
import { replaceFile } from './replace-file.js';

/** The names kustomize accepts for its config file, in the order it looks for them. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Default cap on one manifest file read while generating a kustomization.yaml. */
export const DEFAULT_MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

/** The kustomization file in `dir`, if any. */
export function kustomizationFileIn(dir: string): string | undefined {
  return KUSTOMIZATION_FILES.map((f) => join(dir, f)).find((p) => existsSync(p) && statSync(p).isFile());
}

/** Whether `dir` holds a kustomization file. */
export function hasKustomizationFile(dir: string): boolean {
  return kustomizationFileIn(dir) !== undefined;
}

/** kyaml's `%v` of ResourceMeta, as Flux's error messages print it. Pure. */
function resourceMetaString(o: Record<string, unknown>): string {
  const meta = (o.metadata && typeof o.metadata === 'object' ? o.metadata : {}) as Record<string, unknown>;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  const map = (v: unknown): string =>
    `map[${Object.entries(v && typeof v === 'object' ? (v as Record<string, unknown>) : {})
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, x]) => `${k}:${str(x)}`)
      .join(' ')}]`;
  return `{{${str(o.apiVersion)} ${str(o.kind)}} {{${str(meta.name)} ${str(meta.namespace)}} ${map(meta.labels)} ${map(meta.annotations)}}}`;
}

/**
 * Why a YAML document is not a Kubernetes resource for Flux's generator (kyaml's
 * `GetValidatedMetadata`): no kind, or no name unless the kind is a List. Pure.
 */
export function resourceProblem(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const o = (typeof value === 'object' && !Array.isArray(value) ? value : {}) as Record<string, unknown>;
  const kind = typeof o.kind === 'string' ? o.kind : '';
  if (kind === '') return `missing kind in object ${resourceMetaString(o)}`;
  if (kind.endsWith('List')) return undefined;
  const name = (o.metadata as { name?: unknown } | undefined)?.name;
  if (typeof name !== 'string' || name === '')
    return `missing metadata.name in object ${resourceMetaString(o)}`;
  return undefined;
}

/** Checks one file the way Flux's generator does (every document must be a resource). */
async function checkManifestFile(dir: string, path: string, maxBytes: number): Promise<void> {
  const full = join(dir, path);
  const size = (await stat(full)).size;
  if (size > maxBytes)
    throw new Error(
      `failed to decode Kubernetes YAML from ${path}: file is ${size} bytes, over the ${maxBytes} byte limit`,
    );
  for (const doc of parseAllDocuments(await readFile(full, 'utf8'))) {
    if (doc.errors.length > 0)
      throw new Error(`failed to decode Kubernetes YAML from ${path}: ${doc.errors[0]?.message ?? ''}`);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      throw new Error(`failed to decode Kubernetes YAML from ${path}: ${(error as Error).message}`);
    }
    const problem = resourceProblem(value);
    if (problem) throw new Error(`failed to decode Kubernetes YAML from ${path}: ${problem}`);
  }
}

/**
 * Lists what a generated kustomization.yaml should include, as Flux does: every YAML file
 * below `dir` (each must parse as Kubernetes resources, else `failed to decode Kubernetes YAML
 * from <file>: …`), and subdirectories with their own kustomization file (listed as
 * directories, not descended into). Symlinks are not followed.
 */
export async function generatedResources(
  dir: string,
  rel = '',
  maxFileBytes = DEFAULT_MAX_MANIFEST_BYTES,
): Promise<string[]> {
  const out: string[] = [];
  for (const entry of (await readdir(join(dir, rel), { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const path = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (hasKustomizationFile(join(dir, path))) out.push(path);
      else out.push(...(await generatedResources(dir, path, maxFileBytes)));
    } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      await checkManifestFile(dir, path, maxFileBytes);
      out.push(path);
    }
  }
  return out;
}

/** The kustomization.yaml Flux generates for a plain directory of manifests. */
export async function generatedKustomization(dir: string, maxFileBytes?: number): Promise<KustomizationDoc> {
  const resources = await generatedResources(dir, '', maxFileBytes);
  const head = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' };
  return resources.length === 0 ? { ...head, namespace: '_placeholder' } : { ...head, resources };
}

/** Writes a kustomization.yaml when the directory has none. */
export async function ensureKustomizationFile(dir: string): Promise<void> {
  if (hasKustomizationFile(dir)) return;
  await replaceFile(join(dir, 'kustomization.yaml'), stringify(await generatedKustomization(dir)));
}

/**
 * Reads the directory's kustomization file (or generates one), layers the Flux spec fields
 * into it and writes it back (as a new file: the build tree is hard links into a shared copy).
 */
export async function prepareKustomization(
  dir: string,
  spec: OverlaySpec,
  options: { maxFileBytes?: number } = {},
): Promise<void> {
  const existing = kustomizationFileIn(dir);
  let doc: KustomizationDocument;
  if (existing) {
    doc = KustomizationDocument.parse(
      await readFile(existing, 'utf8'),
      KUSTOMIZATION_FILES.find((f) => existing.endsWith(f)) ?? 'kustomization.yaml',
    );
  } else {
    doc = KustomizationDocument.empty();
    const generated = await generatedKustomization(dir, options.maxFileBytes);
    doc.apply(
      Object.entries(generated).map(([key, value]) => ({
        op: 'set',
        key,
        value: value as string | string[],
      })),
    );
  }
  const edits = planOverlay(doc.toJS(), spec, {
    generated: !existing,
    componentExists: (p) => existsSync(join(dir, p)),
  });
  if (existing && edits.length === 0) return; // nothing to layer: the file stays as written in Git
  doc.apply(edits);
  await replaceFile(existing ?? join(dir, 'kustomization.yaml'), doc.toString());
}

/**
 * Whether {@link prepareKustomization} would write anything in `dir`: a kustomization file to
 * generate, or Flux spec fields to layer into it. When not, the build can read the artifact
 * tree as it is, without a private copy.
 */
export async function kustomizationNeedsRewrite(dir: string, spec: OverlaySpec): Promise<boolean> {
  const existing = kustomizationFileIn(dir);
  if (!existing) return true;
  const doc = KustomizationDocument.parse(
    await readFile(existing, 'utf8'),
    KUSTOMIZATION_FILES.find((f) => existing.endsWith(f)) ?? 'kustomization.yaml',
  );
  return (
    planOverlay(doc.toJS(), spec, { generated: false, componentExists: (p) => existsSync(join(dir, p)) })
      .length > 0
  );
}
