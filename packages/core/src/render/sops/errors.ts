/**
 * A SOPS file that cannot be read or decrypted. The message never carries a decrypted value:
 * where sops would quote one (a bad number, a value that is not an envelope), it says `<redacted>`.
 */
export class SopsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SopsError';
  }
}
