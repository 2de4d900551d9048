/** The parsed header block a CGI program writes before its body. */
export interface CgiHead {
  status: number;
  /** The reason phrase from `Status:`, when the program gave one. */
  reason?: string;
  /** Every header except `Status:`, in order, names as written. */
  headers: [name: string, value: string][];
}

/** A CGI program wrote something that is not a header block. */
export class CgiResponseError extends Error {
  override readonly name = 'CgiResponseError';
}

/** Where the header block ends and the body starts in `output`, once the blank line has arrived. */
export function splitCgiOutput(output: Buffer): { head: string; body: Buffer } | undefined {
  const crlf = output.indexOf('\r\n\r\n');
  const lf = output.indexOf('\n\n');
  // The earliest terminator wins: a header block may end with either.
  const candidates = [
    crlf >= 0 ? { at: crlf, length: 4 } : undefined,
    lf >= 0 ? { at: lf, length: 2 } : undefined,
  ].filter((c): c is { at: number; length: number } => c !== undefined);
  const end = candidates.sort((a, b) => a.at - b.at)[0];
  if (end === undefined) return undefined;
  return {
    head: output.subarray(0, end.at).toString('latin1'),
    body: output.subarray(end.at + end.length),
  };
}

/**
 * Parses a CGI header block (RFC 3875 §6.3): `Status: 404 Not Found` sets the status, a
 * `Location` without `Status` means 302, anything else defaults to 200.
 */
export function parseCgiHead(head: string): CgiHead {
  const headers: [string, string][] = [];
  let status: number | undefined;
  let reason: string | undefined;
  for (const line of head.split(/\r?\n/)) {
    if (line === '') continue;
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name)) {
      throw new CgiResponseError(`invalid CGI header line: ${JSON.stringify(line.slice(0, 80))}`);
    }
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() !== 'status') {
      headers.push([name, value]);
      continue;
    }
    const match = /^(\d{3})(?:\s+(.*))?$/.exec(value);
    if (!match?.[1]) throw new CgiResponseError(`invalid CGI Status header: ${JSON.stringify(value)}`);
    status = Number(match[1]);
    reason = match[2] || undefined;
  }
  const hasLocation = headers.some(([name]) => name.toLowerCase() === 'location');
  return { status: status ?? (hasLocation ? 302 : 200), ...(reason ? { reason } : {}), headers };
}
