/** USTAR block size. */
export const BLOCK = 512;

/** Writes a NUL-terminated octal field. */
function octal(buf: Buffer, offset: number, length: number, value: number): void {
  buf.write(value.toString(8).padStart(length - 1, '0') + '\0', offset, length, 'ascii');
}

/** One USTAR header block (type '0' file, '5' dir, 'x' PAX extended header). Pure. */
export function tarHeader(entry: {
  name: string;
  mode: number;
  size: number;
  type: '0' | '5' | 'x';
}): Buffer {
  const header = Buffer.alloc(BLOCK);
  header.write(entry.name, 0, 100, 'utf8');
  octal(header, 100, 8, entry.mode);
  octal(header, 108, 8, 0); // uid
  octal(header, 116, 8, 0); // gid
  octal(header, 124, 12, entry.size);
  octal(header, 136, 12, 0); // mtime: fixed so equal content gives equal bytes
  header.fill(0x20, 148, 156); // checksum placeholder: spaces
  header.write(entry.type, 156, 1, 'ascii');
  header.write('ustar\u000000', 257, 8, 'binary');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return header;
}

/** A PAX record `"<len> path=<value>\n"`, where len counts itself. Pure. */
export function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(body) + 1;
  while (String(length).length + Buffer.byteLength(body) !== length)
    length = String(length).length + Buffer.byteLength(body);
  return Buffer.from(`${length}${body}`, 'utf8');
}

/** Zero padding to the next block boundary. */
export function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest);
}
