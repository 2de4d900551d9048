import { OciRegistryError } from './registry-error.js';

/** An OCI content descriptor (manifest config/layers, index entries). */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: { os?: string; architecture?: string };
}

/** A manifest or index as the registry sent it: the fields Flux reads, typed. */
export interface ParsedManifest {
  mediaType: string;
  config?: Descriptor;
  layers: Descriptor[];
  /** The entries of an index (empty for an image manifest). */
  manifests: Descriptor[];
  annotations?: Record<string, string>;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);
const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
/** go-containerregistry's `v1.Hash`: sha256 only, 64 lower-case hex digits. */
const SHA256 = /^sha256:[a-f0-9]{64}$/;

function invalid(where: string, problem: string): OciRegistryError {
  return new OciRegistryError(`invalid manifest: ${where}: ${problem}`, 'format');
}

function optionalString(v: unknown, where: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw invalid(where, `${kind(v)} is not a string`);
  return v;
}

function stringMap(v: unknown, where: string): Record<string, string> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObject(v)) throw invalid(where, `${kind(v)} is not an object`);
  // fromEntries defines own properties, so an annotation called `__proto__` stays an annotation.
  return Object.fromEntries(
    Object.entries(v).map(([key, value]) => [key, optionalString(value, `${where}.${key}`) ?? '']),
  );
}

/** A descriptor as Go's JSON decoding into `v1.Descriptor` accepts it. */
function descriptor(v: unknown, where: string): Descriptor {
  if (!isObject(v)) throw invalid(where, `${kind(v)} is not a descriptor`);
  const digest = optionalString(v.digest, `${where}.digest`) ?? '';
  if (!SHA256.test(digest))
    throw invalid(`${where}.digest`, `'${digest.slice(0, 80)}' is not a sha256 digest`);
  const size = v.size ?? 0;
  if (typeof size !== 'number' || !Number.isSafeInteger(size))
    throw invalid(`${where}.size`, `${JSON.stringify(size).slice(0, 40)} is not a size`);
  const out: Descriptor = {
    mediaType: optionalString(v.mediaType, `${where}.mediaType`) ?? '',
    digest,
    size,
  };
  const annotations = stringMap(v.annotations, `${where}.annotations`);
  if (annotations) out.annotations = annotations;
  if (v.platform !== undefined && v.platform !== null) {
    if (!isObject(v.platform)) throw invalid(`${where}.platform`, `${kind(v.platform)} is not an object`);
    out.platform = {
      os: optionalString(v.platform.os, `${where}.platform.os`),
      architecture: optionalString(v.platform.architecture, `${where}.platform.architecture`),
    };
  }
  return out;
}

function descriptors(v: unknown, where: string): Descriptor[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw invalid(where, `${kind(v)} is not a list`);
  return v.map((d, i) => descriptor(d, `${where}[${i}]`));
}

/**
 * A manifest or index body, read as go-containerregistry decodes it into its Go types: JSON
 * whose descriptors carry a sha256 digest and a size, whose annotations are strings; the media
 * type from the body, else from `Content-Type`. Throws {@link OciRegistryError} (`format`). Pure.
 */
export function parseManifest(data: Buffer, contentType: string | null): ParsedManifest {
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch {
    throw new OciRegistryError('invalid manifest: not valid JSON', 'format');
  }
  if (!isObject(json))
    throw new OciRegistryError(`invalid manifest: ${kind(json)} is not an object`, 'format');
  const mediaType = optionalString(json.mediaType, 'mediaType') ?? contentType?.split(';')[0]?.trim() ?? '';
  const out: ParsedManifest = {
    mediaType,
    layers: descriptors(json.layers, 'layers'),
    manifests: descriptors(json.manifests, 'manifests'),
  };
  if (json.config !== undefined && json.config !== null) out.config = descriptor(json.config, 'config');
  const annotations = stringMap(json.annotations, 'annotations');
  if (annotations) out.annotations = annotations;
  return out;
}

/** The image of an index Flux pulls: linux/amd64, or the only entry. Pure. */
export function pickIndexChild(manifests: readonly Descriptor[]): Descriptor | undefined {
  return (
    manifests.find((d) => d.platform?.os === 'linux' && d.platform.architecture === 'amd64') ??
    (manifests.length === 1 ? manifests[0] : undefined)
  );
}
