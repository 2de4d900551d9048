/**
 * The SOPS tree (sops.go): ordered branches of items whose keys are strings or comments. Order is
 * kept exactly as the file has it, because the MAC hashes the values in walk order; JS objects
 * would move integer-like keys first.
 */

/** An integer (Go `int`): kept as a bigint so that 64-bit values survive. */
export interface IntValue {
  readonly t: 'int';
  readonly v: bigint;
}
/** A float (Go `float64`). */
export interface FloatValue {
  readonly t: 'float';
  readonly v: number;
}
/** A timestamp, as the RFC 3339 text Go's `time.Time.MarshalText` prints. */
export interface TimeValue {
  readonly t: 'time';
  readonly v: string;
}
/** Raw bytes (the `bytes` envelope type). */
export interface BytesValue {
  readonly t: 'bytes';
  readonly v: Uint8Array;
}
/** A comment line (YAML, dotenv and INI keep them; encrypted ones are envelopes too). */
export interface Comment {
  readonly t: 'comment';
  readonly v: string;
  readonly inline?: boolean;
}
/** A mapping, in file order. */
export interface TreeBranch {
  readonly t: 'branch';
  readonly items: TreeItem[];
}
/** One entry of a mapping: a key (or a comment standing in the mapping) and its value. */
export interface TreeItem {
  key: string | Comment;
  value: TreeValue;
}
/** Anything a SOPS tree holds. */
export type TreeValue =
  | string
  | boolean
  | null
  | IntValue
  | FloatValue
  | TimeValue
  | BytesValue
  | Comment
  | TreeBranch
  | TreeValue[];

/** A new branch. */
export const branch = (items: TreeItem[] = []): TreeBranch => ({ t: 'branch', items });
/** A new comment. */
export const comment = (v: string, inline = false): Comment => ({
  t: 'comment',
  v,
  ...(inline ? { inline } : {}),
});

/** Whether a value is a comment. Pure. */
export function isComment(value: unknown): value is Comment {
  return typeof value === 'object' && value !== null && (value as { t?: unknown }).t === 'comment';
}

/** Whether a value is a mapping. Pure. */
export function isBranch(value: unknown): value is TreeBranch {
  return typeof value === 'object' && value !== null && (value as { t?: unknown }).t === 'branch';
}

/** Whether a value is a mapping or a list (`stores.IsComplexValue`). Pure. */
export function isComplex(value: TreeValue): boolean {
  return Array.isArray(value) || isBranch(value);
}
