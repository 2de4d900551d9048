import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { decodeBase64Strict } from './base64-strict.js';
import { SopsError } from './errors.js';
import { formatFloatF, parseGoBool, parseGoFloat, parseGoInt } from './go-numbers.js';
import { comment, type TreeValue } from './tree.js';

/** The parts of an `ENC[AES256_GCM,data:…,iv:…,tag:…,type:…]` envelope (aes/cipher.go). */
export interface Envelope {
  data: Uint8Array;
  iv: Uint8Array;
  tag: Uint8Array;
  type: string;
}

const PREFIX = 'ENC[AES256_GCM,data:';

/**
 * Splits an envelope exactly as sops's regexp `^ENC\[AES256_GCM,data:(.+),iv:(.+),tag:(.+),type:(.+)\]`
 * does (greedy groups, `.` never matching a newline, no end anchor), in linear time: each greedy
 * group ends at the last separator that still leaves room for the rest. Undefined if it does not
 * match. Pure.
 */
export function splitEnvelope(value: string): [string, string, string, string] | undefined {
  if (!value.startsWith(PREFIX)) return undefined;
  const newline = value.indexOf('\n');
  const line = newline === -1 ? value : value.slice(0, newline);
  const close = line.lastIndexOf(']');
  const type = line.lastIndexOf(',type:', close - 7);
  const tag = type < 0 ? -1 : line.lastIndexOf(',tag:', type - 6);
  const iv = tag < 0 ? -1 : line.lastIndexOf(',iv:', tag - 5);
  if (close < 0 || type < 0 || tag < 0 || iv < PREFIX.length + 1) return undefined;
  return [
    line.slice(PREFIX.length, iv),
    line.slice(iv + 4, tag),
    line.slice(tag + 5, type),
    line.slice(type + 6, close),
  ];
}

/** Parses an envelope (sops's `parse`), failing with sops's words but never quoting the value. Pure. */
export function parseEnvelope(value: string): Envelope {
  const parts = splitEnvelope(value);
  if (!parts) throw new SopsError("Input string <redacted> does not match sops' data format");
  const [data, iv, tag, type] = parts;
  const decode = (text: string, what: string): Uint8Array => {
    const bytes = decodeBase64Strict(text);
    if (!bytes) throw new SopsError(`Error base64-decoding ${what}: illegal base64 data`);
    return bytes;
  };
  return { data: decode(data, 'data'), iv: decode(iv, 'iv'), tag: decode(tag, 'tag'), type };
}

function aesAlgorithm(key: Uint8Array): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' {
  if (key.length === 32) return 'aes-256-gcm';
  if (key.length === 24) return 'aes-192-gcm';
  if (key.length === 16) return 'aes-128-gcm';
  throw new SopsError(`crypto/aes: invalid key size ${key.length}`);
}

/** AES-GCM open as Go does it: data ‖ tag, the last 16 bytes are the tag. */
function open(env: Envelope, key: Uint8Array, aad: string): Buffer {
  const sealed = Buffer.concat([env.data, env.tag]);
  if (env.iv.length === 0 || sealed.length < 16) throw new Error('cipher: message authentication failed');
  const decipher = createDecipheriv(aesAlgorithm(key), key, env.iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  try {
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
  } catch {
    throw new Error('cipher: message authentication failed');
  }
}

/** The typed plaintext of an envelope type (aes.Cipher.Decrypt); the text is never quoted in errors. */
function typed(type: string, plain: Buffer): TreeValue {
  const text = plain.toString('utf8');
  const bad = (fn: string): never => {
    throw new SopsError(`strconv.${fn}: parsing <redacted>: invalid syntax`);
  };
  switch (type) {
    case 'str':
      return text;
    case 'int':
      return { t: 'int', v: parseGoInt(text) ?? bad('Atoi') };
    case 'float':
      return { t: 'float', v: parseGoFloat(text) ?? bad('ParseFloat') };
    case 'bytes':
      return { t: 'bytes', v: new Uint8Array(plain) };
    case 'bool':
      return parseGoBool(text) ?? bad('ParseBool');
    case 'time':
      return { t: 'time', v: text };
    case 'comment':
      return comment(text);
    default:
      throw new SopsError(`Unknown datatype: ${type}`);
  }
}

/**
 * Decrypts one envelope with the data key and the value's path as additional data (`a:b:c:`),
 * returning the typed plaintext. The empty string is sops's "nothing was encrypted". Pure.
 */
export function decryptValue(ciphertext: string, key: Uint8Array, aad: string): TreeValue {
  if (ciphertext === '') return '';
  const env = parseEnvelope(ciphertext);
  let plain: Buffer;
  try {
    plain = open(env, key, aad);
  } catch (error) {
    if (error instanceof SopsError) throw error;
    throw new SopsError(`Could not decrypt with AES_GCM: ${(error as Error).message}`);
  }
  return typed(env.type, plain);
}

/** The bytes and envelope type sops encrypts a plaintext as (aes.Cipher.Encrypt). Pure. */
function plainBytes(value: TreeValue): { bytes: Buffer; type: string } {
  if (typeof value === 'string') return { bytes: Buffer.from(value, 'utf8'), type: 'str' };
  if (typeof value === 'boolean') return { bytes: Buffer.from(value ? 'True' : 'False'), type: 'bool' };
  if (value !== null && !Array.isArray(value)) {
    if (value.t === 'int') return { bytes: Buffer.from(value.v.toString()), type: 'int' };
    if (value.t === 'float') return { bytes: Buffer.from(formatFloatF(value.v)), type: 'float' };
    if (value.t === 'time') return { bytes: Buffer.from(value.v), type: 'time' };
    if (value.t === 'comment') return { bytes: Buffer.from(value.v, 'utf8'), type: 'comment' };
    if (value.t === 'bytes') return { bytes: Buffer.from(value.v), type: 'bytes' };
  }
  throw new SopsError('Value to encrypt has unsupported type');
}

/**
 * Encrypts one value into an envelope with a random 32-byte IV, as sops writes them. Used to
 * build test files and for round-trip properties; Tideline itself only decrypts.
 */
export function encryptValue(
  value: TreeValue,
  key: Uint8Array,
  aad: string,
  iv: Uint8Array = randomBytes(32),
): string {
  const { bytes, type } = plainBytes(value);
  if (bytes.length === 0 && (type === 'str' || type === 'comment' || type === 'bytes')) return '';
  const cipher = createCipheriv(aesAlgorithm(key), key, iv, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(bytes), cipher.final()]);
  const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
  return `ENC[AES256_GCM,data:${b64(data)},iv:${b64(iv)},tag:${b64(cipher.getAuthTag())},type:${type}]`;
}
