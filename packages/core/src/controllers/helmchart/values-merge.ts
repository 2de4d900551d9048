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
    // Own properties only: a values key `__proto__` is data, not the prototype.
    const current = Object.hasOwn(out, key) ? out[key] : undefined;
    const merged = isMap(value) && isMap(current) ? mergeMaps(current, value) : value;
    Object.defineProperty(out, key, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
