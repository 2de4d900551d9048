import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.js';
import { errorLine } from './main.js';

const SERVER = 'https://127.0.0.1:6443';

describe('errorLine', () => {
  it('reads a TLS error from the API client as a handshake failure with the API server', () => {
    expect(errorLine(new Error('self-signed certificate'), SERVER)).toBe(
      `TLS handshake with ${SERVER} failed: self-signed certificate`,
    );
  });

  it('keeps a command’s own line even when it quotes a peer’s SSL error, on one line', () => {
    const error = new CliError("ImageRepository reconciliation failed: 'scan failed: SSL routines:x\n'");
    expect(errorLine(error, SERVER)).toBe(
      "ImageRepository reconciliation failed: 'scan failed: SSL routines:x; '",
    );
  });

  it('joins a multi-line message into one line', () => {
    expect(errorLine(new Error('a\n  b'), SERVER)).toBe('a; b');
  });
});
