import { createPrivateKey, X509Certificate } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';

/** Where the serving certificate and its key are read from (PEM files, e.g. a mounted kubernetes.io/tls Secret). */
export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

/** A certificate and key read from {@link TlsFiles} that belong together. */
export interface TlsPair {
  cert: Buffer;
  key: Buffer;
  /** The leaf certificate's subject, serial and expiry, for log lines (nothing secret). */
  describe: string;
}

/** A PEM chain or key is a few kilobytes; a bigger file is not one (and is not read whole). */
const MAX_PEM_BYTES = 1024 * 1024;

/** Reads at most {@link MAX_PEM_BYTES} of a file; larger is refused. */
function readCapped(path: string, what: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new Error(
      `cannot read the TLS ${what} file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_PEM_BYTES)
      throw new Error(`the TLS ${what} file ${path} is ${size} bytes: over the ${MAX_PEM_BYTES}-byte limit`);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads and checks the pair: a parseable certificate, an unencrypted private key, and the key being
 * the certificate's. Errors name the file at fault and never quote the key. Throws.
 */
export function loadTlsPair(files: TlsFiles): TlsPair {
  const cert = readCapped(files.certFile, 'certificate');
  const key = readCapped(files.keyFile, 'key');
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch {
    throw new Error(`the TLS certificate file ${files.certFile} holds no PEM certificate`);
  }
  let privateKey: ReturnType<typeof createPrivateKey>;
  try {
    privateKey = createPrivateKey(key);
  } catch {
    // OpenSSL's reason can quote what it failed to parse: only say which file.
    throw new Error(`the TLS key file ${files.keyFile} holds no unencrypted PEM private key`);
  }
  if (!leaf.checkPrivateKey(privateKey))
    throw new Error(`the TLS key file ${files.keyFile} does not match the certificate in ${files.certFile}`);
  return {
    cert,
    key,
    describe: `subject "${leaf.subject.replace(/\n/g, ', ')}", serial ${leaf.serialNumber}, expires ${leaf.validTo}`,
  };
}

/**
 * What changes when either file is rewritten: inode, size and mtime of the target (stat follows
 * symlinks, so a Secret volume's `..data` symlink swap shows as a new inode); `missing` while a file
 * is absent.
 */
export function tlsFilesSignature(files: TlsFiles): string {
  return [files.certFile, files.keyFile]
    .map((path) => {
      try {
        const s = statSync(path);
        return `${s.ino}:${s.size}:${s.mtimeMs}`;
      } catch {
        return 'missing';
      }
    })
    .join('|');
}
