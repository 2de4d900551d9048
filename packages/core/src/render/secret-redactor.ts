/**
 * Keeps values that came from Secrets (decrypted SOPS values, `postBuild.substituteFrom`
 * Secrets) out of conditions, events and logs: each occurrence becomes `<redacted>`, the word
 * kustomize-controller's decryptor uses. Values, and their base64 spellings (a Secret's `data`
 * as the API server would quote it), are replaced longest first.
 */
export class SecretRedactor {
  /** Shorter values are not redacted: they would blank common words and numbers. */
  static readonly MIN_LENGTH = 4;
  private readonly values = new Set<string>();
  private sorted: string[] | undefined;

  /** Remembers a secret value (and its base64 form). */
  add(value: string): void {
    if (value.length < SecretRedactor.MIN_LENGTH) return;
    this.values.add(value);
    this.values.add(Buffer.from(value, 'utf8').toString('base64'));
    this.sorted = undefined;
  }

  /** Whether anything was remembered. */
  get empty(): boolean {
    return this.values.size === 0;
  }

  /** `message` with every remembered value replaced by `<redacted>`. */
  redact(message: string): string {
    this.sorted ??= [...this.values].sort((a, b) => b.length - a.length);
    let out = message;
    for (const value of this.sorted) if (out.includes(value)) out = out.split(value).join('<redacted>');
    return out;
  }
}
