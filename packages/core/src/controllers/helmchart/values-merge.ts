type Values = Record<string, unknown>;

const isMap = (value: unknown): value is Values =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * fluxcd/pkg `transform.MergeMaps`: `b` over `a`, recursing where both sides hold a map; any
 * other value (lists included) is replaced whole. Neither input is modified. Pure.
 */
export function mergeMaps(a: Values, b: Values): Values {
  const out: Values = { ...a };
  for (const [key, value] of Object.entries(b)) {
    const current = out[key];
    out[key] = isMap(value) && isMap(current) ? mergeMaps(current, value) : value;
  }
  return out;
}
