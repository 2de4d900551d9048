/**
 * Go's `base64.StdEncoding.DecodeString`: the standard alphabet with `=` padding required, no
 * other characters (Go only skips `\r` and `\n`). Node's decoder accepts almost anything, which
 * would let a damaged envelope decrypt to garbage instead of failing. Undefined on error. Pure.
 */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  const s = text.replace(/[\r\n]/g, '');
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s))
    return undefined;
  const out = Buffer.from(s, 'base64');
  // Go rejects non-zero padding bits (strict re-encoding must give the same text).
  return out.toString('base64') === s ? new Uint8Array(out) : undefined;
}
