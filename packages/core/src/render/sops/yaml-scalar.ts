import { parseGoFloat } from './go-numbers.js';
import type { TreeValue } from './tree.js';

const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's `strconv.ParseInt(s, 0, 64)`: sign, then 0x/0o/0b/leading-0 octal or decimal. */
function parseIntBase0(text: string): bigint | 'overflow' | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(text);
  if (!m) return undefined;
  const [, sign, body = '0'] = m;
  const digits = /^0[0-7]+$/.test(body)
    ? `0o${body.slice(1)}`
    : body.replace(/^0([XOB])/, (_, c: string) => `0${c.toLowerCase()}`);
  const v = BigInt(digits) * (sign === '-' ? -1n : 1n);
  return v < -(2n ** 63n) || v >= 2n ** 63n ? 'overflow' : v;
}

/**
 * What `yaml.v3` decodes a plain, untagged scalar into when the target is `interface{}` (how
 * sops's YAML store reads values): null, bool, int, float — timestamps stay strings — else the
 * string. An integer beyond int64 is a `uint64` in Go, which sops cannot walk. Pure.
 */
export function resolvePlainScalar(text: string): TreeValue | { unsupported: string } {
  if (['', '~', 'null', 'Null', 'NULL'].includes(text)) return null;
  if (['true', 'True', 'TRUE'].includes(text)) return true;
  if (['false', 'False', 'FALSE'].includes(text)) return false;
  if (['.nan', '.NaN', '.NAN'].includes(text)) return { t: 'float', v: NaN };
  if (/^\+?\.(inf|Inf|INF)$/.test(text)) return { t: 'float', v: Infinity };
  if (/^-\.(inf|Inf|INF)$/.test(text)) return { t: 'float', v: -Infinity };
  if (!/^[-+.0-9]/.test(text)) return text;
  const plain = text.replaceAll('_', '');
  const int = parseIntBase0(plain);
  if (typeof int === 'bigint') return { t: 'int', v: int };
  if (int === 'overflow') return { unsupported: 'uint64' };
  if (YAML_FLOAT.test(plain)) {
    const f = parseGoFloat(plain);
    if (f !== undefined) return { t: 'float', v: f };
  }
  return text;
}

/** An explicitly tagged scalar (`!!str`, `!!int`, …); other tags resolve as plain. Pure. */
export function resolveTaggedScalar(tag: string, text: string): TreeValue | { unsupported: string } {
  if (tag === 'tag:yaml.org,2002:str') return text;
  if (tag === 'tag:yaml.org,2002:binary')
    return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('latin1');
  return resolvePlainScalar(text);
}
