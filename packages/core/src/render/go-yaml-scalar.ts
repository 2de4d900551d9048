/**
 * go-yaml v2's scalar resolution (`resolve.go`), as sigs.k8s.io/yaml reads every manifest Flux
 * re-reads after post-build substitution. It is YAML 1.1 with Go's own edges, not the YAML 1.1
 * of the spec: no base-60 numbers (`1:30` stays text), timestamps stay text in a generic value,
 * integers are Go's `ParseInt(s, 0, 64)` with every `_` removed (`0o17`, `0b101`, `0777`), and a
 * float out of range (`1.5e400`) stays text. Held against go-yaml by `go-yaml.property.test.ts`.
 */

/** A value go-yaml refuses (`cannot decode !!str \`x\` as a !!int`), with its message. */
export class GoYamlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GoYamlError';
  }
}

const TAG = 'tag:yaml.org,2002:';
/** Tags whose scalars go-yaml resolves; any other tag keeps the text. */
const RESOLVABLE = new Set(['', 'str', 'bool', 'int', 'float', 'null', 'timestamp'].map((t) => t && TAG + t));

type Resolved = readonly [string, unknown];
const entries = (words: readonly string[], resolved: Resolved): [string, Resolved][] =>
  words.map((w) => [w, resolved]);
const FIXED: ReadonlyMap<string, Resolved> = new Map([
  ...entries(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'], ['bool', true]),
  ...entries(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'], ['bool', false]),
  ...entries(['', '~', 'null', 'Null', 'NULL'], ['null', null]),
  ...entries(['.nan', '.NaN', '.NAN'], ['float', Number.NaN]),
  ...entries(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'], ['float', Infinity]),
  ...entries(['-.inf', '-.Inf', '-.INF'], ['float', -Infinity]),
  ...entries(['<<'], ['merge', '<<']),
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** What Go's `ParseFloat` reads after a leading `.` (its only form of that start). */
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** Go's `strconv.ParseInt(s, 0, 64)` then `ParseUint`: the integer, or undefined. */
function goInteger(s: string): bigint | undefined {
  const m = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const digits = m[2] ?? '';
  const body = /^0[0-7]+$/.test(digits) ? `0o${digits.slice(1)}` : digits;
  const magnitude = BigInt(body);
  const value = m[1] === '-' ? -magnitude : magnitude;
  // int64, else uint64 (which takes no sign: ParseUint refuses `+1` too).
  if (value >= INT64_MIN && value < -INT64_MIN) return value;
  return m[1] === '' && value <= UINT64_MAX ? value : undefined;
}

/** Go's `ParseFloat` on the forms go-yaml tries; undefined when out of range or not a float. */
function goFloat(s: string, form: RegExp): number | undefined {
  if (!form.test(s)) return undefined;
  const f = Number(s);
  return Number.isFinite(f) ? f : undefined;
}

/** Go's `time.Parse` with go-yaml's four layouts, for an explicit `!!timestamp`. */
function isGoTimestamp(s: string): boolean {
  const m =
    /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[-+](\d{2}):(\d{2})))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/.exec(
      s,
    );
  if (!m) return false;
  const [year, month, day] = [m[1], m[2], m[3]].map(Number) as [number, number, number];
  const daysIn = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const clock = [m[4] ?? m[9], m[5] ?? m[10], m[6] ?? m[11]].map((v) => Number(v ?? 0));
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysIn &&
    (clock[0] ?? 0) < 24 &&
    (clock[1] ?? 0) < 60 &&
    (clock[2] ?? 0) < 60 &&
    Number(m[7] ?? 0) <= 24 &&
    Number(m[8] ?? 0) < 60
  );
}

/** go-yaml's `resolve` for a plain text read for an explicit `tag` ('' for none): [tag, value], ints as bigint. Pure. */
export function resolveText(text: string, tag: string): [string, unknown] {
  const fixed = FIXED.get(text);
  if (fixed) return [fixed[0], fixed[1]];
  const hint = text[0] ?? '';
  if (hint === '.') {
    const f = goFloat(text, DOT_FLOAT);
    return f === undefined ? ['str', text] : ['float', f];
  }
  if (!/^[-+0-9]/.test(hint)) return ['str', text];
  if ((tag === '' || tag === 'timestamp') && isGoTimestamp(text)) return ['timestamp', text];
  const plain = text.replaceAll('_', '');
  const int = goInteger(plain);
  if (int !== undefined) return ['int', int];
  const f = goFloat(plain, YAML_STYLE_FLOAT);
  return f === undefined ? ['str', text] : ['float', f];
}

/**
 * The value go-yaml gives a scalar decoded into `interface{}`: `tag` is its explicit tag (full
 * form) or '' for a plain scalar. A timestamp is kept as its text (go-yaml's compatibility rule
 * for generic values); `!!binary` is the text its base64 decodes to. Throws {@link GoYamlError}
 * where go-yaml fails. Pure.
 */
export function resolveGoScalar(tag: string, text: string): unknown {
  if (tag === `${TAG}binary`) {
    const clean = text.replace(/[\r\n]/g, '');
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean))
      throw new GoYamlError('!!binary value contains invalid base64 data');
    return Buffer.from(clean, 'base64').toString('utf8');
  }
  if (!RESOLVABLE.has(tag) || tag === `${TAG}str`) return text;
  const want = tag.slice(TAG.length);
  const [got, resolved] = resolveText(text, want);
  // JSON numbers: an int64 past 2^53 loses digits here, as any JSON number does in JavaScript.
  const value = typeof resolved === 'bigint' ? Number(resolved) : resolved;
  if (want === '' || got === want) return got === 'timestamp' ? text : value;
  // go-yaml turns an int64 into a float for `!!float`, but not a uint64.
  if (want === 'float' && got === 'int' && (resolved as bigint) < 2n ** 63n) return value;
  throw new GoYamlError(`cannot decode !!${got} \`${text}\` as a !!${want}`);
}
