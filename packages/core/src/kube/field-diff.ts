/** One changed field between two objects, as `flux diff` lists them (a dotted path per change). */
export interface FieldChange {
  /** `spec.template.spec.containers[0].image`. */
  path: string;
  type: 'added' | 'removed' | 'changed';
  /** The value before/after, as compact JSON, cut to {@link VALUE_CHARS} characters. */
  before?: string;
  after?: string;
}

/** Longest value shown; a whole ConfigMap is summarized, not printed. */
export const VALUE_CHARS = 400;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  return text.length > VALUE_CHARS ? `${text.slice(0, VALUE_CHARS)}…` : text;
}

const keyPath = (base: string, key: string): string =>
  /^[A-Za-z_][\w-]*$/.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`;

/**
 * The fields that differ between `before` and `after`, depth first in key order: maps key by
 * key, lists of the same length item by item, any other difference as a change of the whole
 * value. Stops after `limit` changes (the caller says there were more). Pure.
 */
export function fieldDiff(before: unknown, after: unknown, limit = 200): FieldChange[] {
  const out: FieldChange[] = [];
  const walk = (a: unknown, b: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (isObject(a) && isObject(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
        const p = keyPath(path, key);
        if (!(key in b)) out.push({ path: p, type: 'removed', before: show(a[key]) });
        else if (!(key in a)) out.push({ path: p, type: 'added', after: show(b[key]) });
        else walk(a[key], b[key], p);
        if (out.length >= limit) return;
      }
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      a.forEach((item, i) => walk(item, b[i], `${path}[${i}]`));
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push({ path: path || '.', type: 'changed', before: show(a), after: show(b) });
  };
  walk(before, after, '');
  return out.slice(0, limit);
}

/** fluxcd/pkg/ssa's masks for Secret `data` values. */
export const SECRET_MASK = { same: '***', before: '*** (before)', after: '*** (after)' } as const;

type WithData = { data?: Record<string, unknown>; stringData?: Record<string, unknown> };

/**
 * fluxcd/pkg/ssa `SanitizeUnstructuredData`: every value of a Secret's `data` (and
 * `stringData`) becomes `***`, or `*** (before)` / `*** (after)` where the value changed, so a
 * diff shows which keys changed and never what they hold. Returns masked copies. Pure.
 */
export function maskSecretData<T extends WithData | undefined>(live: T, desired: T): [T, T] {
  const mask = (field: 'data' | 'stringData'): [WithData[typeof field], WithData[typeof field]] => {
    const a = live?.[field];
    const b = desired?.[field];
    const masked = (
      own: Record<string, unknown> | undefined,
      other: Record<string, unknown> | undefined,
      changed: string,
    ) =>
      own &&
      Object.fromEntries(
        Object.keys(own).map((k) => [
          k,
          other && k in other && other[k] !== own[k] ? changed : SECRET_MASK.same,
        ]),
      );
    return [masked(a, b, SECRET_MASK.before), masked(b, a, SECRET_MASK.after)];
  };
  const [data, newData] = mask('data');
  const [stringData, newStringData] = mask('stringData');
  const apply = (obj: T, d: WithData['data'], s: WithData['stringData']): T =>
    obj && ({ ...obj, ...(d ? { data: d } : {}), ...(s ? { stringData: s } : {}) } as T);
  return [apply(live, data, stringData), apply(desired, newData, newStringData)];
}
