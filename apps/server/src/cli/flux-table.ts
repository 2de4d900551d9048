/**
 * Flux CLI table output (fluxcd/flux2 `pkg/printers`, olekukonko/tablewriter without borders):
 * upper-case headers, left-aligned cells padded to the column width, columns joined by a TAB,
 * every data line ending in a TAB; a cell with newlines spans several lines, the other cells of
 * those lines left blank. `headers` may be empty (`--no-header`, or a watch's later rows). Pure.
 */
export function formatFluxTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const split = rows.map((r) => r.map((cell) => cell.split('\n')));
  const columns = Math.max(headers.length, ...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, i) =>
    Math.max(
      [...(headers[i] ?? '')].length,
      ...split.map((r) => Math.max(0, ...(r[i] ?? ['']).map((line) => [...line].length))),
    ),
  );
  const pad = (text: string, i: number): string =>
    text + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...text].length));
  const lines: string[] = [];
  if (headers.length > 0) lines.push(headers.map((h, i) => pad(h.toUpperCase(), i)).join('\t'));
  for (const row of split) {
    const height = Math.max(1, ...row.map((cell) => cell.length));
    for (let line = 0; line < height; line++) {
      lines.push(`${row.map((cell, i) => pad(cell[line] ?? '', i)).join('\t')}\t`);
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
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
