import type { Server } from 'node:https';
import { loadTlsPair, tlsFilesSignature, type TlsFiles } from './tls-files.js';

/** How often the certificate files are looked at by default: cert-manager renews days ahead. */
export const TLS_POLL_MS = 5_000;

/** Options of {@link watchTlsFiles}. */
export interface TlsWatchOptions {
  files: TlsFiles;
  /** Log lines: the new certificate, or why a rewrite was refused. */
  log: (line: string) => void;
  pollMs?: number;
}

/**
 * Polls the certificate and key files and gives new connections the rewritten pair
 * (`setSecureContext`; open connections keep theirs). A pair that does not load — a half-written
 * rotation, a key for another certificate — is logged and the previous one kept; the next change
 * is tried again. Polling rather than fs.watch: a Secret volume is rewritten by a symlink swap that
 * inotify on the file does not see. Returns the stop function.
 */
export function watchTlsFiles(server: Server, options: TlsWatchOptions): () => void {
  let seen = tlsFilesSignature(options.files);
  const check = (): void => {
    const now = tlsFilesSignature(options.files);
    if (now === seen) return;
    seen = now;
    try {
      const pair = loadTlsPair(options.files);
      server.setSecureContext({ cert: pair.cert, key: pair.key });
      options.log(`✔ TLS certificate reloaded: ${pair.describe}`);
    } catch (error) {
      options.log(
        `✗ TLS certificate files changed but were not loaded, still serving the previous certificate: ${(error as Error).message}`,
      );
    }
  };
  const timer = setInterval(check, options.pollMs ?? TLS_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
