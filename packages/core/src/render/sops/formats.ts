import { emitBinary } from './store-binary.js';
import { emitDotenv, loadDotenv } from './store-dotenv.js';
import { emitIni, loadIni } from './store-ini.js';
import { emitJson, loadJson } from './store-json.js';
import { emitYaml, loadYaml } from './store-yaml.js';
import type { MetadataLayout } from './metadata.js';
import type { TreeBranch } from './tree.js';

/** sops's file formats (cmd/sops/formats). */
export type SopsFormat = 'binary' | 'dotenv' | 'ini' | 'json' | 'yaml';

/** How Flux names a format in its messages (`sopsFormatToString`). */
export const FORMAT_NAMES: Record<SopsFormat, string> = {
  binary: 'binary',
  dotenv: 'dotenv',
  ini: 'INI',
  json: 'JSON',
  yaml: 'YAML',
};

/** `formats.FormatForPath`, with Flux's `.dockerconfigjson` → JSON. Pure. */
export function formatForPath(path: string): SopsFormat {
  if (path.endsWith('.dockerconfigjson')) return 'json';
  if (path.endsWith('.yaml') || path.endsWith('.yml')) return 'yaml';
  if (path.endsWith('.json')) return 'json';
  if (path.endsWith('.env')) return 'dotenv';
  if (path.endsWith('.ini')) return 'ini';
  return 'binary';
}

/** The bytes Flux looks for to tell that content of a format is SOPS-encrypted. */
export const MARKERS: Record<SopsFormat, string> = {
  binary: '"mac": "ENC[',
  dotenv: 'sops_mac=ENC[',
  ini: '[sops]',
  json: '"mac": "ENC[',
  yaml: 'mac: ENC[',
};

/**
 * Flux's `detectFormatFromMarkerBytes`. Go walks a map (random order) and JSON and binary share
 * a marker and a reader, so the order only matters for odd content; ours is fixed. Pure.
 */
export function detectFormat(text: string): SopsFormat | undefined {
  return (['json', 'yaml', 'dotenv', 'ini'] as const).find((f) => text.includes(MARKERS[f]));
}

/** A store: how the format is read and how its plaintext is written, and where it keeps metadata. */
export interface Store {
  load(text: string): TreeBranch[];
  emit(branches: readonly TreeBranch[]): string;
  layout: MetadataLayout;
  escapeNewlines?: boolean;
}

/** `common.StoreForFormat`: binary files are JSON envelopes with one `data` key. */
export const STORES: Record<SopsFormat, Store> = {
  binary: { load: loadJson, emit: emitBinary, layout: 'nested' },
  dotenv: { load: loadDotenv, emit: emitDotenv, layout: 'full' },
  ini: { load: loadIni, emit: emitIni, layout: 'belowTop', escapeNewlines: true },
  json: { load: loadJson, emit: emitJson, layout: 'nested' },
  yaml: { load: loadYaml, emit: emitYaml, layout: 'nested' },
};
