import { parseGoYaml } from '../../render/go-yaml.js';
import type { ValuesReference } from '../../api/helmrelease-v2.js';
import { mergeMaps } from '../helmchart/values-merge.js';
import { parseInto, parseIntoString } from './strvals.js';

type Values = Record<string, unknown>;

/** A ConfigMap or Secret as read for values: its data (Secret data base64-decoded), or undefined when absent. */
export type ValuesObject = { data: Record<string, string> } | undefined;

/** Reads a ConfigMap or Secret of the HelmRelease's namespace. */
export type ValuesObjectReader = (kind: 'ConfigMap' | 'Secret', name: string) => Promise<ValuesObject>;

/** Composed values, and the Secret-derived strings that must never be shown. */
export interface ComposedValues {
  values: Values;
  /** Every string that came from a Secret (for redaction of messages that quote it). */
  secretStrings: string[];
}

/** A values reference that could not be resolved; the message is fluxcd/pkg's `ErrValuesReference`. */
export class ValuesReferenceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ValuesReferenceError';
  }
}

const DEFAULT_VALUES_KEY = 'values.yaml';

function referenceError(namespace: string, ref: ValuesReference, reason: string): ValuesReferenceError {
  const optional = ref.optional ? ' optional' : '';
  const key = ref.valuesKey || DEFAULT_VALUES_KEY;
  return new ValuesReferenceError(
    `could not resolve${optional} ${ref.kind} chart values reference '${namespace}/${ref.name}' with key '${key}': ${reason}`,
  );
}

/**
 * Helm's `chartutil.ReadValues` (sigs.k8s.io/yaml, YAML 1.1): a mapping, `{}` for an empty
 * document; anything else is an error in Go's words. Pure.
 */
export function readValues(text: string): Values {
  let parsed: unknown;
  try {
    // As sigs.k8s.io/yaml reads it: go-yaml v2's scalars (`1:30` and dates stay text), then JSON.
    parsed = parseGoYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const first = ((error as Error).message.split('\n')[0] ?? '').trim();
    throw new Error(
      `error converting YAML to JSON: ${/^(yaml|json): /.test(first) ? first : `yaml: ${first}`}`,
    );
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    const kind = Array.isArray(parsed) ? 'array' : typeof parsed === 'string' ? 'string' : typeof parsed;
    throw new Error(
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`,
    );
  }
  return parsed as Values;
}

/**
 * fluxcd/pkg `ReplacePathValue`: a single- or double-quoted value is set as a string (quotes
 * dropped), anything else with `--set` typing. Mutates `values`. Pure.
 */
export function replacePathValue(values: Values, path: string, value: string): void {
  const quoted =
    (value.startsWith("'") && value.endsWith("'")) || (value.startsWith('"') && value.endsWith('"'));
  if (quoted) parseIntoString(`${path}=${value.replace(/^['"]+|['"]+$/g, '')}`, values);
  else parseInto(`${path}=${value}`, values);
}

/** fluxcd/pkg `ReplacePathLiteralValue`: the value verbatim, as `--set-literal`. Mutates `values`. Pure. */
export function replacePathLiteralValue(values: Values, path: string, value: string): void {
  const escaped = value.replace(/[\\,[\]{}]/g, (c) => `\\${c}`);
  parseIntoString(`${path}=${escaped}`, values);
}

function collectStrings(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (value.length >= 4) out.push(value);
  } else if (Array.isArray(value)) for (const v of value) collectStrings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) collectStrings(v, out);
}

/**
 * fluxcd/pkg `ChartValuesFromReferences`: each reference in order (a ConfigMap or Secret key
 * read as YAML and merged, or set at `targetPath` with `--set` syntax, which first merges the
 * inline values so they are overridden), then the inline values merged last. `optional`
 * tolerates only a missing object or key. Each object is read once.
 */
export async function composeValues(
  namespace: string,
  inline: Values | undefined,
  refs: readonly ValuesReference[],
  read: ValuesObjectReader,
): Promise<ComposedValues> {
  let result: Values = {};
  // One private copy, aliased as Go aliases the map: a targetPath that sets a key nested in the
  // inline values changes them too (and so survives the final merge), one at the top does not.
  const inlineValues = structuredClone(inline ?? {});
  const secretStrings: string[] = [];
  const cache = new Map<string, ValuesObject>();
  for (const ref of refs) {
    const index = `${ref.kind}/${ref.name}`;
    if (!cache.has(index)) cache.set(index, await read(ref.kind, ref.name));
    const object = cache.get(index);
    if (!object) {
      if (ref.optional) continue;
      throw referenceError(
        namespace,
        ref,
        `${ref.kind === 'Secret' ? 'secrets' : 'configmaps'} "${ref.name}" not found`,
      );
    }
    const data = object.data[ref.valuesKey || DEFAULT_VALUES_KEY];
    if (data === undefined) {
      if (ref.optional) continue;
      throw referenceError(namespace, ref, 'key not found');
    }
    if (ref.targetPath) {
      result = mergeMaps(result, inlineValues);
      if (ref.kind === 'Secret') secretStrings.push(data);
      try {
        if (ref.literal) replacePathLiteralValue(result, ref.targetPath, data);
        else replacePathValue(result, ref.targetPath, data);
      } catch (error) {
        throw referenceError(namespace, ref, (error as Error).message);
      }
      continue;
    }
    let values: Values;
    try {
      values = readValues(data);
    } catch (error) {
      throw referenceError(namespace, ref, (error as Error).message);
    }
    if (ref.kind === 'Secret') collectStrings(values, secretStrings);
    result = mergeMaps(result, values);
  }
  return { values: mergeMaps(result, inlineValues), secretStrings };
}
