/** How a scalar was written in the file (the `yaml` package's scalar types). */
export type ScalarStyle = 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

const YAML11_WORDS = new Set([
  'y',
  'Y',
  'yes',
  'Yes',
  'YES',
  'n',
  'N',
  'no',
  'No',
  'NO',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
  'on',
  'On',
  'ON',
  'off',
  'Off',
  'OFF',
  '~',
  'null',
  'Null',
  'NULL',
  '.inf',
  '.Inf',
  '.INF',
  '+.inf',
  '+.Inf',
  '+.INF',
  '-.inf',
  '-.Inf',
  '-.INF',
  '.nan',
  '.NaN',
  '.NAN',
]);
// YAML 1.1 ints (binary, octal, decimal with `_`, hex, sexagesimal) and floats (with `_`, sexagesimal).
const YAML11_INT =
  /^[-+]?(?:0b[01_]+|0[0-7_]+|(?:0|[1-9][0-9_]*)|0x[0-9a-fA-F_]+|[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const YAML11_FLOAT =
  /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*(?:[eE][-+][0-9]+)?$|^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*$/;

/**
 * Whether YAML 1.1 would read `value`, written plain, as something other than a string (kyaml's
 * `IsValueNonString`): such values are double-quoted so they stay strings. Pure.
 */
export function isYaml11NonString(value: string): boolean {
  if (value === '' || value.includes('\n')) return false;
  return YAML11_WORDS.has(value) || YAML11_INT.test(value) || YAML11_FLOAT.test(value);
}

/** Text that can be written as a plain scalar anywhere (block or flow) and read back unchanged. */
const SAFE_PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./@+=~-]*(?::[A-Za-z0-9_./@+=~-]+)*$/;

/**
 * Characters a quoted scalar cannot hold as themselves: line breaks (folded to spaces when read),
 * controls, the byte-order mark and non-characters (not YAML-printable), lone surrogates.
 */
const NOT_VERBATIM =
  /[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\0': '\\0',
};

function doubleQuoted(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\t/g, '\\t')
    .replace(NOT_VERBATIM, (c) => {
      const code = c.charCodeAt(0);
      return (
        SHORT_ESCAPES[c] ??
        (code <= 0xff
          ? `\\x${code.toString(16).padStart(2, '0')}`
          : `\\u${code.toString(16).padStart(4, '0')}`)
      );
    });
  return `"${escaped}"`;
}

/**
 * The source text for a marked scalar's new value, in its old style: double or single quotes
 * stay (single quotes only while the value needs no escape: a line break would fold); a plain scalar stays plain unless the value would not read back as the same string
 * (YAML 1.1 numbers and booleans, indicators), in which case it is double-quoted, as kyaml's
 * `FormatNonStringStyle` does for string setters. Pure.
 */
export function scalarText(value: string, style: ScalarStyle): string {
  // A value single quotes would fold or cannot hold is double-quoted with escapes, as yaml.v3 does.
  NOT_VERBATIM.lastIndex = 0;
  if (style === 'QUOTE_SINGLE' && !NOT_VERBATIM.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (style === 'QUOTE_DOUBLE') return doubleQuoted(value);
  if (SAFE_PLAIN.test(value) && !isYaml11NonString(value)) return value;
  return doubleQuoted(value);
}
