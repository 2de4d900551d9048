import { gunzipSync, gzipSync, constants } from 'node:zlib';

/**
 * Helm's storage encoding of a release (`pkg/storage/driver/util.go`): JSON, gzip (best
 * compression), base64. Readers accept payloads that are not gzipped (magic `1f 8b 08`). The
 * decompressed JSON is capped so a hostile Secret cannot exhaust memory. Pure.
 */

/** What Helm stores for a release (the fields Tideline reads; the rest is kept as is). */
export interface StoredReleaseJson {
  name: string;
  namespace: string;
  version: number;
  info?: {
    first_deployed?: string;
    last_deployed?: string;
    deleted?: string;
    description?: string;
    status?: string;
    notes?: string;
  };
  chart?: { metadata?: ChartMetadataJson; [key: string]: unknown };
  config?: Record<string, unknown>;
  manifest?: string;
  hooks?: HookJson[];
  apply_method?: string;
  [key: string]: unknown;
}

/** `chart.metadata` of a stored release. */
export interface ChartMetadataJson {
  name?: string;
  version?: string;
  appVersion?: string;
  kubeVersion?: string;
  [key: string]: unknown;
}

/** A hook of a stored release. */
export interface HookJson {
  name: string;
  kind: string;
  path?: string;
  manifest?: string;
  events?: string[];
  last_run?: { started_at?: string; completed_at?: string; phase?: string };
  [key: string]: unknown;
}

/** Decompressed releases beyond this size are refused (Secrets hold at most 1 MiB compressed). */
export const MAX_RELEASE_JSON_BYTES = 64 * 1024 * 1024;

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b, 0x08]);

/** Decodes `data.release` as the API returns it (base64 of Helm's base64 text). Pure. */
export function decodeReleaseData(secretData: string): StoredReleaseJson {
  const helmText = Buffer.from(secretData, 'base64').toString('latin1');
  const raw = Buffer.from(helmText, 'base64');
  const json = raw.subarray(0, 3).equals(GZIP_MAGIC)
    ? gunzipSync(raw, { maxOutputLength: MAX_RELEASE_JSON_BYTES })
    : raw;
  const parsed = JSON.parse(json.toString('utf8')) as StoredReleaseJson;
  if (!parsed || typeof parsed !== 'object' || typeof parsed.name !== 'string') {
    throw new Error('stored release is not a Helm release');
  }
  return parsed;
}

/** Encodes a release for `data.release` (base64 of Helm's base64 text of gzip(JSON)). Pure. */
export function encodeReleaseData(release: StoredReleaseJson): string {
  const gz = gzipSync(Buffer.from(JSON.stringify(release)), { level: constants.Z_BEST_COMPRESSION });
  return Buffer.from(gz.toString('base64'), 'latin1').toString('base64');
}
