/**
 * Flux CLI table output (fluxcd/flux2 printers): upper-case headers, left-aligned cells padded
 * to the column width, columns joined by a TAB, and every data row ending in a TAB. Pure.
 */
export function formatFluxTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[], trailing: boolean): string =>
    cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('\t') + (trailing ? '\t' : '');
  return (
    [
      line(
        headers.map((h) => h.toUpperCase()),
        false,
      ),
      ...rows.map((r) => line(r, true)),
    ].join('\n') + '\n'
  );
}

/** Shortens every 40–128 character lowercase hex run to its first 8 characters, as `flux get` does. Pure. */
export function truncateHex(text: string): string {
  return text.replace(/[0-9a-f]{40,128}/g, (hex) => hex.slice(0, 8));
}

/** The Flux-kind summary cells for `get`: Ready from the Ready condition, with Flux's fallback. Pure. */
export function readyCells(
  conditions: readonly { type: string; status: string; message: string }[] | undefined,
): [string, string] {
  const ready = conditions?.find((c) => c.type === 'Ready');
  return ready ? [ready.status, ready.message] : ['False', 'waiting to be reconciled'];
}
