import { SopsError } from './errors.js';

/** Multiplication in GF(2^8) with the AES polynomial x^8 + x^4 + x^3 + x + 1 (sops/shamir). */
function mult(a: number, b: number): number {
  let acc = 0;
  for (let i = 7; i >= 0; i--) {
    acc = ((acc << 1) & 0xff) ^ (acc & 0x80 ? 0x1b : 0);
    if ((b >> i) & 1) acc ^= a;
  }
  return acc;
}

/** a^254, the inverse of a in GF(2^8). */
function inverse(a: number): number {
  let r = 1;
  for (let i = 0; i < 254; i++) r = mult(r, a);
  return r;
}

/**
 * Shamir's secret sharing, recombination (sops/shamir `Combine`, from HashiCorp Vault): every
 * part is the share bytes followed by its x-coordinate; Lagrange interpolation at x = 0. Pure.
 */
export function shamirCombine(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length < 2) throw new SopsError('less than two parts cannot be used to reconstruct the secret');
  const len = parts[0]?.length ?? 0;
  if (len < 2) throw new SopsError('parts must be at least two bytes');
  if (parts.some((p) => p.length !== len)) throw new SopsError('all parts must be the same length');
  const xs = parts.map((p) => p[len - 1] ?? 0);
  if (new Set(xs).size !== xs.length) throw new SopsError('duplicate part detected');
  const secret = new Uint8Array(len - 1);
  for (let idx = 0; idx < len - 1; idx++) {
    let result = 0;
    for (let i = 0; i < parts.length; i++) {
      let basis = 1;
      for (let j = 0; j < parts.length; j++) {
        if (i === j) continue;
        basis = mult(basis, mult(xs[j] ?? 0, inverse((xs[i] ?? 0) ^ (xs[j] ?? 0))));
      }
      result ^= mult(parts[i]?.[idx] ?? 0, basis);
    }
    secret[idx] = result;
  }
  return secret;
}

/** Splits a secret into `n` parts, any `threshold` of which recombine it (tests and properties). */
export function shamirSplit(
  secret: Uint8Array,
  n: number,
  threshold: number,
  random: (k: number) => Uint8Array,
): Uint8Array[] {
  const xs: number[] = [];
  while (xs.length < n) {
    const x = (random(1)[0] ?? 0) | 0;
    if (x !== 0 && !xs.includes(x)) xs.push(x);
  }
  const parts = xs.map((x) => {
    const p = new Uint8Array(secret.length + 1);
    p[secret.length] = x;
    return p;
  });
  secret.forEach((byte, idx) => {
    const coeffs = [byte, ...random(threshold - 1)];
    xs.forEach((x, k) => {
      let y = 0;
      for (let c = coeffs.length - 1; c >= 0; c--) y = mult(y, x) ^ (coeffs[c] ?? 0);
      (parts[k] as Uint8Array)[idx] = y;
    });
  });
  return parts;
}
