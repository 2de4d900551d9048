/**
 * Every path a kustomization file can make kustomize read, by field. Pure: a parsed
 * kustomization document in, references out. Fields are found as Go's `encoding/json` finds
 * them (kustomize decodes with it): any key that folds to the field's name counts, so
 * `RESOURCES:` or `reſources:` cannot hide a path; a `!!binary` scalar counts as the text it
 * decodes to, as go-yaml hands it over.
 */
import { jsonObjects, jsonRecords, jsonStrings } from './go-json-field.js';

/** How kustomize treats a referenced path. */
export type ReferenceKind =
  /** A file, or a directory holding a kustomization (resources, components, bases). */
  | 'entry'
  /** A plugin config: a file of builtin plugin configs, or a kustomization directory. */
  | 'plugin'
  /** A plain file (patches, generator sources, crds, …). */
  | 'file';

/** One path reference found in a kustomization file. */
export interface PathReference {
  field: string;
  path: string;
  kind: ReferenceKind;
}

type Doc = Record<string, unknown>;

const strings = jsonStrings;
const records = jsonRecords;
const objects = jsonObjects;

/** `files` entries may be `key=path`. */
const fileSource = (entry: string): string =>
  entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry;

/** Paths inside a builtin plugin config (PatchTransformer, ConfigMapGenerator, HelmChartInflationGenerator, …). Pure. */
export function pluginConfigReferences(config: Doc, field: string): PathReference[] {
  const out: PathReference[] = [];
  const add = (key: string, paths: string[]): void => {
    for (const path of paths) out.push({ field: `${field}.${key}`, path, kind: 'file' });
  };
  add('path', strings(config, 'path'));
  add('paths', strings(config, 'paths'));
  add('files', strings(config, 'files').map(fileSource));
  add('envs', strings(config, 'envs'));
  add('env', strings(config, 'env'));
  add('chartHome', strings(config, 'chartHome'));
  add('valuesFile', strings(config, 'valuesFile'));
  add('additionalValuesFiles', strings(config, 'additionalValuesFiles'));
  for (const r of records(config, 'replacements')) add('replacements.path', strings(r, 'path'));
  return out;
}

function generatorReferences(doc: Doc, field: string): PathReference[] {
  const out: PathReference[] = [];
  for (const gen of records(doc, field)) {
    for (const f of strings(gen, 'files'))
      out.push({ field: `${field}.files`, path: fileSource(f), kind: 'file' });
    for (const f of strings(gen, 'envs')) out.push({ field: `${field}.envs`, path: f, kind: 'file' });
    for (const f of strings(gen, 'env')) out.push({ field: `${field}.env`, path: f, kind: 'file' });
  }
  return out;
}

/**
 * The paths a kustomization file references: resources/bases/components, generator sources,
 * patch files, crds, configurations, replacements, openapi, helm values and plugin configs
 * (inline plugin configs are returned under `inline`). Pure.
 */
export function kustomizationReferences(doc: Doc): {
  references: PathReference[];
  inline: { field: string; config: string }[];
} {
  const references: PathReference[] = [];
  const inline: { field: string; config: string }[] = [];
  for (const field of ['resources', 'bases', 'components']) {
    for (const path of strings(doc, field)) references.push({ field, path, kind: 'entry' });
  }
  for (const field of ['generators', 'transformers', 'validators']) {
    for (const entry of strings(doc, field)) {
      if (entry.includes('\n')) inline.push({ field, config: entry });
      else references.push({ field, path: entry, kind: 'plugin' });
    }
  }
  for (const field of ['crds', 'configurations']) {
    for (const path of strings(doc, field)) references.push({ field, path, kind: 'file' });
  }
  for (const path of strings(doc, 'patchesStrategicMerge')) {
    if (!path.includes('\n')) references.push({ field: 'patchesStrategicMerge', path, kind: 'file' });
  }
  for (const field of ['patches', 'patchesJson6902', 'replacements']) {
    for (const item of records(doc, field))
      for (const path of strings(item, 'path'))
        references.push({ field: `${field}.path`, path, kind: 'file' });
  }
  references.push(
    ...generatorReferences(doc, 'configMapGenerator'),
    ...generatorReferences(doc, 'secretGenerator'),
  );
  for (const openapi of objects(doc, 'openapi'))
    for (const path of strings(openapi, 'path'))
      references.push({ field: 'openapi.path', path, kind: 'file' });
  for (const chart of records(doc, 'helmCharts')) {
    for (const path of [...strings(chart, 'valuesFile'), ...strings(chart, 'additionalValuesFiles')])
      references.push({ field: 'helmCharts', path, kind: 'file' });
  }
  for (const globals of objects(doc, 'helmGlobals')) {
    for (const path of [...strings(globals, 'chartHome'), ...strings(globals, 'configHome')])
      references.push({ field: 'helmGlobals', path, kind: 'file' });
  }
  return { references, inline };
}
