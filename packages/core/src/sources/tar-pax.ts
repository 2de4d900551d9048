import { TarError } from './tar-error.js';
import { printable } from './tar-header.js';

/** The PAX keys the reader honours; every other key is read (to validate) and ignored. */
export interface PaxOverrides {
  path?: string;
  size?: number;
}

const SPACE = 0x20;
const NEWLINE = 0x0a;
const EQUALS = 0x3d;

function paxError(offset: number, why: string): TarError {
  return new TarError(`tar error: invalid PAX record at offset ${offset}: ${why}`, 'format');
}

/**
 * Parses a PAX extended header body (`"<len> <key>=<value>\n"` records, `len` in bytes and
 * counting itself), as Go's `parsePAX`: lengths are decimal digits, every record ends in a
 * newline, `size` is a decimal number. Each step advances by a record length ≥ 5, so the loop
 * ends. Throws {@link TarError}; `offset` (of the entry) only labels errors. Pure.
 */
export function parsePaxRecords(data: Buffer, offset: number): PaxOverrides {
  const out: PaxOverrides = {};
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(SPACE, at);
    if (space < 0) throw paxError(offset, 'record without a length');
    const lengthText = data.toString('latin1', at, space);
    if (!/^[0-9]{1,9}$/.test(lengthText)) throw paxError(offset, `length '${printable(lengthText)}'`);
    const length = Number(lengthText);
    const end = at + length;
    if (length < 5 || end > data.length || end <= space + 1 || data[end - 1] !== NEWLINE)
      throw paxError(offset, `length ${length} does not end a record`);
    const record = data.subarray(space + 1, end - 1);
    const eq = record.indexOf(EQUALS);
    if (eq <= 0) throw paxError(offset, 'record without a key');
    apply(out, record.toString('utf8', 0, eq), record.toString('utf8', eq + 1), offset);
    at = end;
  }
  return out;
}

function apply(out: PaxOverrides, key: string, value: string, offset: number): void {
  // An empty value keeps the header's own field (Go's mergePAX).
  if (value === '') return;
  if (key === 'path') out.path = value;
  if (key === 'size') {
    if (!/^[0-9]{1,15}$/.test(value)) throw paxError(offset, `size '${printable(value)}'`);
    out.size = Number(value);
  }
}
