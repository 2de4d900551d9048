import { RE2JS } from 're2js';

/** Which values of a file are encrypted: the one rule its metadata names (sops.Metadata). */
export interface EncryptionRules {
  unencryptedSuffix?: string;
  encryptedSuffix?: string;
  unencryptedRegex?: string;
  encryptedRegex?: string;
  unencryptedCommentRegex?: string;
  encryptedCommentRegex?: string;
}

/**
 * Go's `regexp.Match(pattern, s)` with RE2 semantics and linear-time matching (re2js): the
 * patterns come from the file, so they are attacker input. An invalid pattern matches nothing,
 * as Go's ignored error does.
 */
export class GoPattern {
  private readonly re: RE2JS | undefined;
  constructor(pattern: string) {
    try {
      this.re = RE2JS.compile(pattern);
    } catch {
      this.re = undefined;
    }
  }
  /** Whether the pattern matches anywhere in `text`. */
  test(text: string): boolean {
    return this.re?.matcher(text).find() ?? false;
  }
}

/** The compiled form of {@link EncryptionRules}. */
export interface CompiledRules {
  rules: EncryptionRules;
  unencryptedRegex?: GoPattern;
  encryptedRegex?: GoPattern;
  unencryptedCommentRegex?: GoPattern;
  encryptedCommentRegex?: GoPattern;
}

/** Compiles the regex rules once per file. */
export function compileRules(rules: EncryptionRules): CompiledRules {
  const re = (p: string | undefined): GoPattern | undefined => (p ? new GoPattern(p) : undefined);
  return {
    rules,
    unencryptedRegex: re(rules.unencryptedRegex),
    encryptedRegex: re(rules.encryptedRegex),
    unencryptedCommentRegex: re(rules.unencryptedCommentRegex),
    encryptedCommentRegex: re(rules.encryptedCommentRegex),
  };
}

/**
 * sops's `shouldBeEncrypted`: whether the value at `path` (map keys only; list indexes are not
 * part of it) is encrypted, given the comments above it. Pure.
 */
export function shouldBeEncrypted(
  c: CompiledRules,
  path: readonly string[],
  comments: readonly (readonly string[])[],
  isComment: boolean,
): boolean {
  const { rules } = c;
  let encrypted = true;
  if (rules.unencryptedSuffix && path.some((p) => p.endsWith(rules.unencryptedSuffix ?? '')))
    encrypted = false;
  if (rules.encryptedSuffix) encrypted = path.some((p) => p.endsWith(rules.encryptedSuffix ?? ''));
  if (rules.unencryptedRegex && path.some((p) => c.unencryptedRegex?.test(p))) encrypted = false;
  if (rules.encryptedRegex) encrypted = path.some((p) => c.encryptedRegex?.test(p) ?? false);
  if (
    rules.unencryptedCommentRegex &&
    comments.some((cs) => cs.some((x) => c.unencryptedCommentRegex?.test(x)))
  )
    encrypted = false;
  if (rules.encryptedCommentRegex) {
    // The comment line that matches is itself left in clear: skip the last comment when walking one.
    const last = comments.length - 1;
    encrypted = comments.some((cs, i) =>
      cs.some(
        (x, j) =>
          !(isComment && i === last && j === cs.length - 1) && (c.encryptedCommentRegex?.test(x) ?? false),
      ),
    );
  }
  return encrypted;
}
