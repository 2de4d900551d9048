import {
  isAlias,
  isCollection,
  isScalar,
  parseDocument,
  visit,
  type Document,
  type Node,
  type ScalarTag,
} from 'yaml';
import { GoYamlError, resolveGoScalar, resolveText } from './go-yaml-scalar.js';

/**
 * YAML read as sigs.k8s.io/yaml's `YAMLToJSON` reads it — go-yaml v2, then JSON — for the
 * manifests kustomize-controller re-reads after post-build substitution: go-yaml's scalars
 * (`go-yaml-scalar.ts`), `<<` merges, later duplicate keys winning, non-string keys written as
 * Go writes them (`1.5`, `true`), and JSON's refusals (NaN and infinities, null keys).
 */

const TAG = 'tag:yaml.org,2002:';

/** One explicit tag go-yaml resolves itself; its errors surface as the document's errors. */
const explicit = (name: string): ScalarTag => ({
  tag: TAG + name,
  default: false,
  resolve: (text, onError) => {
    try {
      return resolveGoScalar(TAG + name, text);
    } catch (error) {
      onError((error as Error).message);
      return text;
    }
  },
});

/** Plain scalars (`<<` left to the merge tag): go-yaml's implicit resolution. */
const PLAIN: ScalarTag = {
  tag: 'tag:tideline.dev,2024:go-plain',
  default: true,
  test: /^(?!<<$)/,
  resolve: (text) => resolveGoScalar('', text),
};

const GO_TAGS = [PLAIN, ...['bool', 'int', 'float', 'null', 'timestamp', 'binary'].map(explicit)];

/** Go's `strconv.FormatFloat(f, 'g', -1, 32)`, which sigs.k8s.io/yaml uses for float keys. */
function float32Key(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (!Number.isFinite(f)) return f > 0 ? '.inf' : '-.inf';
  if (Object.is(f, -0)) return '-0';
  const single = Math.fround(f);
  let digits = 1;
  while (digits < 9 && Math.fround(Number(single.toPrecision(digits))) !== single) digits++;
  const shortest = Number(single.toPrecision(digits));
  const [mantissa = '', exponent = '0'] = shortest.toExponential().split('e');
  const exp = Number(exponent);
  // 'g' with the shortest precision switches to an exponent below 1e-4 and from 1e6 on.
  if (exp < -4 || exp >= 6)
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(shortest);
}

/** The JSON key sigs.k8s.io/yaml makes of a scalar map key (ints as written by Itoa, floats as float32). */
function goKey(node: Node, doc: Document): string {
  const target = isAlias(node) ? node.resolve(doc) : node;
  if (!isScalar(target)) throw new GoYamlError('invalid map key: a collection');
  const { value } = target;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    const tag = target.tag === PLAIN.tag ? '' : (target.tag ?? '');
    const [kind, exact] = resolveText(String(target.source ?? value), tag.replace(TAG, ''));
    if (kind === 'float' || tag === `${TAG}float` || typeof exact !== 'bigint') return float32Key(value);
    if (exact >= 2n ** 63n) throw new GoYamlError('Unsupported map key of type: uint64');
    return exact.toString();
  }
  throw new GoYamlError(`Unsupported map key of type: ${value === null ? '<nil>' : typeof value}`);
}

/** Rewrites every map key as the string JSON will carry, before the tree is converted. */
function stringifyKeys(doc: Document): void {
  visit(doc, {
    Pair: (_, pair) => {
      const key = pair.key as Node | null;
      if (key === null) throw new GoYamlError('Unsupported map key of type: <nil>');
      if (isCollection(key)) throw new GoYamlError('invalid map key: a collection');
      // A `<<` merge key (the yaml package marks it with a symbol) stays as the merge it is.
      if (isScalar(key) && typeof key.value === 'symbol') return;
      pair.key = doc.createNode(goKey(key, doc));
    },
  });
}

/** The JS value as JSON will carry it; shared (aliased) parts are converted once and stay shared. */
function toJsonValue(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new GoYamlError('json: unsupported value: NaN');
    if (!Number.isFinite(value))
      throw new GoYamlError(`json: unsupported value: ${value > 0 ? '+' : '-'}Inf`);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  const done = seen.get(value);
  if (done !== undefined) return done;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const item of value) out.push(toJsonValue(item, seen));
    return out;
  }
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  // Own properties even for `__proto__` (a valid ConfigMap key): plain assignment would set the prototype.
  for (const [key, item] of Object.entries(value))
    Object.defineProperty(out, key, {
      value: toJsonValue(item, seen),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/**
 * Parses the first document of `text` as sigs.k8s.io/yaml's `YAMLToJSON` would, aliases bounded
 * by `maxAliasCount` (the yaml package's measure). Throws the parser's error (with `pos`) or
 * {@link GoYamlError}. Pure.
 */
export function parseGoYaml(text: string, options: { maxAliasCount: number }): unknown {
  const doc = parseDocument(text, {
    version: '1.1',
    schema: 'failsafe',
    customTags: GO_TAGS,
    merge: true,
    uniqueKeys: false,
    prettyErrors: false,
  });
  const [error] = doc.errors;
  if (error) throw error;
  stringifyKeys(doc);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: options.maxAliasCount });
  } catch (error) {
    // The yaml package's alias bound (a ReferenceError); go-yaml has its own, worded so.
    if (error instanceof ReferenceError) throw new GoYamlError('yaml: document contains excessive aliasing');
    throw error;
  }
  return toJsonValue(value, new WeakMap());
}

export { GoYamlError } from './go-yaml-scalar.js';
