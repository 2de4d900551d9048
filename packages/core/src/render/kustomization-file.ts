import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** The names kustomize accepts for its config file. */
export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Whether `dir` holds a kustomization file. */
export function hasKustomizationFile(dir: string): boolean {
  return KUSTOMIZATION_FILES.some((f) => existsSync(join(dir, f)));
}

/**
 * Lists what a generated kustomization.yaml should include, as Flux does: every YAML file
 * below `dir` that parses as Kubernetes objects, and subdirectories with their own
 * kustomization file (listed as directories, not descended into).
 */
export async function generatedResources(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const name of (await readdir(join(dir, rel), { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = rel ? `${rel}/${name.name}` : name.name;
    if (name.isDirectory()) {
      if (hasKustomizationFile(join(dir, path))) out.push(path);
      else out.push(...(await generatedResources(dir, path)));
    } else if (name.isFile() && /\.ya?ml$/.test(name.name)) {
      const docs = parseAllDocuments(await readFile(join(dir, path), 'utf8'));
      for (const doc of Array.isArray(docs) ? docs : [docs]) {
        if (doc.errors.length > 0) throw new Error(`failed to decode Kubernetes YAML from ${path}: ${doc.errors[0]?.message ?? ''}`);
      }
      const objects = (Array.isArray(docs) ? docs : [docs]).map((d) => d.toJS() as unknown).filter((v) => v && typeof v === 'object');
      if (objects.some((o) => 'apiVersion' in (o as object) && 'kind' in (o as object))) out.push(path);
    }
  }
  return out;
}

/** Writes a kustomization.yaml when the directory has none. */
export async function ensureKustomizationFile(dir: string): Promise<void> {
  if (hasKustomizationFile(dir)) return;
  const resources = await generatedResources(dir);
  const body =
    resources.length === 0
      ? 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: _placeholder\n'
      : `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `- ${JSON.stringify(r)}`).join('\n')}\n`;
  await writeFile(join(dir, 'kustomization.yaml'), body);
}
