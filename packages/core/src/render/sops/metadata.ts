import type { EncryptionRules } from './encryption-rules.js';
import { SopsError } from './errors.js';
import { formatFloatF, parseGoBool } from './go-numbers.js';
import { normalizeRfc3339, rfc3339Error } from './rfc3339.js';
import { isBranch, isComment, type TreeBranch, type TreeValue } from './tree.js';
import { unflattenBranch } from './unflatten.js';

/** The key types sops knows, by their identifier (`TypeToIdentifier`). */
export type KeyType = 'age' | 'pgp' | 'kms' | 'gcp_kms' | 'azure_kv' | 'hc_vault' | 'hckms';

/** One master key of a key group: how to name it in errors, and the data key it encrypts. */
export interface MasterKey {
  type: KeyType;
  /** sops's `ToString()`: the recipient, fingerprint, ARN, … */
  name: string;
  /** The encrypted data key (or Shamir part). */
  enc: string;
}

/** A file's SOPS metadata, as sops.Metadata holds it. */
export interface SopsMetadata extends EncryptionRules {
  keyGroups: MasterKey[][];
  shamirThreshold: number;
  /** `lastmodified`, re-formatted as Go does: the MAC's additional data. */
  lastModified: string;
  mac: string;
  macOnlyEncrypted: boolean;
  version: string;
}

/** How a store keeps the metadata: under `sops`, flattened below it (INI), or as `sops_*` keys (dotenv). */
export type MetadataLayout = 'nested' | 'belowTop' | 'full';

type Plain = string | number | boolean | bigint | null | Plain[] | { [k: string]: Plain };

function toPlain(v: TreeValue): Plain {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.filter((x) => !isComment(x)).map(toPlain);
  if (v.t === 'branch') {
    const out: Record<string, Plain> = {};
    for (const item of v.items) if (!isComment(item.key)) out[item.key] = toPlain(item.value);
    return out;
  }
  if (v.t === 'int') return v.v;
  if (v.t === 'float') return v.v;
  return v.t === 'bytes' ? Buffer.from(v.v).toString('utf8') : v.v;
}

/** mapstructure's weakly typed string. */
function str(m: Record<string, Plain>, key: string): string {
  const v = m[key];
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return Number.isInteger(v) ? v.toString() : formatFloatF(v);
  throw new SopsError(`'${key}' expected type 'string', got unconvertible type`);
}

function int(m: Record<string, Plain>, key: string): number {
  const v = m[key];
  if (v === undefined || v === null || v === '') return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  const n = typeof v === 'string' ? Number(v) : Number(v);
  if (!Number.isInteger(n)) throw new SopsError(`cannot parse '${key}' as int`);
  return n;
}

function bool(m: Record<string, Plain>, key: string): boolean {
  const v = m[key];
  if (v === undefined || v === null || v === '') return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    const b = parseGoBool(v);
    if (b === undefined) throw new SopsError(`cannot parse '${key}' as bool`);
    return b;
  }
  return Number(v) !== 0;
}

function list(m: Record<string, Plain>, key: string): Record<string, Plain>[] {
  const v = m[key];
  if (v === undefined || v === null) return [];
  const items = Array.isArray(v) ? v : [v];
  return items.map((x) => {
    if (x === null || typeof x !== 'object' || Array.isArray(x))
      throw new SopsError(`'${key}': source data must be an array or slice of maps`);
    return x;
  });
}

const checkTime = (text: string): void => {
  if (normalizeRfc3339(text) === undefined) throw new SopsError(rfc3339Error(text));
};

/** The master keys of one group, in sops's order (kms, gcp_kms, hckms, azure_kv, hc_vault, pgp, age). */
function group(m: Record<string, Plain>): MasterKey[] {
  const keys: MasterKey[] = [];
  const add = (type: KeyType, name: (k: Record<string, Plain>) => string, dated: boolean): void => {
    for (const k of list(m, type)) {
      if (dated) checkTime(str(k, 'created_at'));
      keys.push({ type, name: name(k), enc: str(k, 'enc') });
    }
  };
  add('kms', (k) => str(k, 'arn'), true);
  add('gcp_kms', (k) => str(k, 'resource_id'), true);
  add('hckms', (k) => str(k, 'key_id'), true);
  add('azure_kv', (k) => `${str(k, 'vault_url')}/keys/${str(k, 'name')}/${str(k, 'version')}`, true);
  add(
    'hc_vault',
    (k) => `${str(k, 'vault_address')}/v1/${str(k, 'engine_path')}/keys/${str(k, 'key_name')}`,
    true,
  );
  add('pgp', (k) => str(k, 'fp'), true);
  add('age', (k) => str(k, 'recipient'), false);
  return keys;
}

const RULE_KEYS = [
  ['unencryptedSuffix', 'unencrypted_suffix'],
  ['encryptedSuffix', 'encrypted_suffix'],
  ['unencryptedRegex', 'unencrypted_regex'],
  ['encryptedRegex', 'encrypted_regex'],
  ['unencryptedCommentRegex', 'unencrypted_comment_regex'],
  ['encryptedCommentRegex', 'encrypted_comment_regex'],
] as const;

/** sops's `metadata.ToInternal` over the decoded `sops` mapping. */
export function metadataFromBranch(meta: TreeBranch): SopsMetadata {
  const m = toPlain(meta) as Record<string, Plain>;
  const lastModifiedText = str(m, 'lastmodified');
  const lastModified = normalizeRfc3339(lastModifiedText);
  if (lastModified === undefined) throw new SopsError(rfc3339Error(lastModifiedText));
  const single = group(m);
  const keyGroups = single.length > 0 ? [single] : list(m, 'key_groups').map(group);
  if (keyGroups.length === 0) throw new SopsError('No keys found in file');
  const rules: EncryptionRules = {};
  for (const [field, key] of RULE_KEYS) if (str(m, key) !== '') rules[field] = str(m, key);
  const count = Object.keys(rules).length;
  if (count > 1)
    throw new SopsError(
      'Cannot use more than one of encrypted_suffix, unencrypted_suffix, encrypted_regex, unencrypted_regex, encrypted_comment_regex, or unencrypted_comment_regex in the same file',
    );
  if (count === 0) rules.unencryptedSuffix = '_unencrypted';
  return {
    ...rules,
    keyGroups,
    shamirThreshold: int(m, 'shamir_threshold'),
    lastModified,
    mac: str(m, 'mac'),
    macOnlyEncrypted: bool(m, 'mac_only_encrypted'),
    version: str(m, 'version'),
  };
}

function extractNested(branches: TreeBranch[]): { data: TreeBranch[]; meta?: TreeBranch } {
  let meta: TreeBranch | undefined;
  const data = branches.map((b, bi) => {
    const items = b.items.filter((item) => {
      if (item.key !== 'sops') return true;
      if (bi === 0) {
        if (meta) throw new SopsError('Found duplicate sops entry');
        if (!isBranch(item.value)) throw new SopsError('Found sops entry that is not a mapping');
        meta = item.value;
      }
      return false;
    });
    return { t: 'branch' as const, items };
  });
  return { data, meta };
}

/**
 * sops's `ExtractMetadata`: takes the metadata out of the file's branches and decodes it; a
 * file without it fails with `sops metadata not found`. Pure.
 */
export function extractMetadata(
  branches: TreeBranch[],
  layout: MetadataLayout,
  escapeNewlines = false,
): { branches: TreeBranch[]; metadata: SopsMetadata } {
  let data = branches;
  let meta: TreeBranch | undefined;
  if (layout !== 'full') ({ data, meta } = extractNested(branches));
  else if (branches[0]) {
    const [first, ...rest] = branches;
    const flat = first.items.filter((i) => typeof i.key === 'string' && i.key.startsWith('sops_'));
    if (flat.length > 0)
      meta = { t: 'branch', items: flat.map((i) => ({ key: (i.key as string).slice(5), value: i.value })) };
    data = [{ t: 'branch', items: first.items.filter((i) => !flat.includes(i)) }, ...rest];
  }
  if (!meta) throw new SopsError('sops metadata not found');
  if (layout !== 'nested') {
    if (escapeNewlines)
      meta = {
        t: 'branch',
        items: meta.items.map((i) =>
          typeof i.value === 'string' ? { ...i, value: i.value.replaceAll('\\n', '\n') } : i,
        ),
      };
    meta = unflattenBranch(meta);
  }
  return { branches: data, metadata: metadataFromBranch(meta) };
}
