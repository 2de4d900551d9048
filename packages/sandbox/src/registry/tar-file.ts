const BLOCK = 512;

/**
 * A POSIX ustar archive holding one regular file (mode 0644, owner 0:0), byte-for-byte
 * deterministic for the same input: the smallest honest layer an OCI image can carry.
 */
export function tarSingleFile(name: string, content: Buffer, mtimeSeconds = 0): Buffer {
  if (name === '' || Buffer.byteLength(name) > 100 || name.includes('\0')) {
    throw new RangeError(`tar member name must be 1-100 bytes without NUL: ${JSON.stringify(name)}`);
  }
  const header = Buffer.alloc(BLOCK, 0);
  header.write(name, 0, 100, 'utf8');
  writeOctal(header, 100, 8, 0o644);
  writeOctal(header, 108, 8, 0);
  writeOctal(header, 116, 8, 0);
  writeOctal(header, 124, 12, content.length);
  writeOctal(header, 136, 12, mtimeSeconds);
  header.fill(0x20, 148, 156); // the checksum is computed with its own field as spaces
  header.write('0', 156, 1, 'latin1'); // regular file
  header.write('ustar\0', 257, 6, 'latin1');
  header.write('00', 263, 2, 'latin1');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'latin1');
  const padding = Buffer.alloc((BLOCK - (content.length % BLOCK)) % BLOCK, 0);
  // Two zero blocks end the archive.
  return Buffer.concat([header, content, padding, Buffer.alloc(2 * BLOCK, 0)]);
}

function writeOctal(target: Buffer, offset: number, width: number, value: number): void {
  target.write(`${value.toString(8).padStart(width - 1, '0')}\0`, offset, width, 'latin1');
}
