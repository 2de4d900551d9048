import { readValues, ValuesReferenceError, type ValuesReference } from '@tideline/core';

/** What a value that came from a Secret shows instead. */
export const MASK = '***';

/**
 * Every scalar of a values tree replaced by `***`, maps and lists kept so the merge puts each
 * masked leaf exactly where the real one would go. `null` stays: in Helm it removes a key and
 * says nothing about the Secret. Pure.
 */
export function maskLeaves(value: unknown): unknown {
  if (value === null) return null;
  if (Array.isArray(value)) return value.map(maskLeaves);
  if (typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskLeaves(v)]),
    );
  return MASK;
}

/**
 * A Secret's data as the values composition may see it: every value masked before it is
 * merged, so the real ones never reach the composed tree (nor its errors). A key that a
 * `targetPath` reference sets becomes `***` (text under `--set` typing and `--set-literal`
 * alike); any other key is read as a values map and masked leaf by leaf. A key a reference
 * reads as a map but is not one fails with a message that does not quote the Secret (the YAML
 * parser's would). Pure.
 */
export function maskSecretData(
  namespace: string,
  name: string,
  data: Readonly<Record<string, string>>,
  refs: readonly ValuesReference[],
): Record<string, string> {
  const mine = refs.filter((r) => r.kind === 'Secret' && r.name === name);
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(data)) {
    const uses = mine.filter((r) => (r.valuesKey || 'values.yaml') === key);
    if (uses.some((r) => r.targetPath)) {
      out[key] = MASK;
      continue;
    }
    try {
      out[key] = JSON.stringify(maskLeaves(readValues(text)));
    } catch {
      if (uses.length > 0)
        throw new ValuesReferenceError(
          `could not resolve Secret chart values reference '${namespace}/${name}' with key '${key}': ` +
            'the value is not a YAML map (the parser’s words are not shown: they may quote the Secret)',
        );
      // A key no reference reads never reaches the composition.
    }
  }
  return out;
}
