import { runGit, type GitOptions } from './git-runner.js';

/** A signed Git object split as go-git splits it: the bytes that were signed, and the signature. */
export interface SignedObject {
  payload: Buffer;
  /** Armored signature; empty when the object is unsigned. */
  signature: string;
}

/** fluxcd/pkg `signature.GetSignatureType`: what kind of armor a signature is in. Pure. */
export function signatureType(signature: string): 'openpgp' | 'ssh' | 'x509' | 'empty' | 'unknown' {
  if (signature.length === 0) return 'empty';
  const armor = signature.trim();
  if (armor.startsWith('-----BEGIN PGP SIGNATURE-----')) return 'openpgp';
  if (armor.startsWith('-----BEGIN SSH SIGNATURE-----')) return 'ssh';
  if (armor.startsWith('-----BEGIN SIGNED MESSAGE-----')) return 'x509';
  return 'unknown';
}

/**
 * A raw commit object (`git cat-file commit`, read as UTF-8) split like go-git's `EncodeWithoutSignature`:
 * the `gpgsig` header and its continuation lines (leading space) are the signature, the rest
 * is the payload. Pure.
 */
export function splitCommitObject(text: string): SignedObject {
  const headerEnd = text.indexOf('\n\n');
  const headers = (headerEnd === -1 ? text : text.slice(0, headerEnd + 1)).split(/(?<=\n)/);
  const body = headerEnd === -1 ? '' : text.slice(headerEnd + 1);
  const kept: string[] = [];
  const signature: string[] = [];
  let inSignature = false;
  for (const line of headers) {
    if (line.startsWith('gpgsig ')) {
      inSignature = true;
      signature.push(line.slice('gpgsig '.length));
    } else if (inSignature && line.startsWith(' ')) {
      signature.push(line.slice(1));
    } else {
      inSignature = false;
      kept.push(line);
    }
  }
  return { payload: Buffer.from(kept.join('') + body, 'utf8'), signature: signature.join('') };
}

/**
 * A raw annotated tag object split like go-git's tag decoder: the signature is the armored
 * block at the end of the message, the payload everything before it. Pure.
 */
export function splitTagObject(text: string): SignedObject {
  const markers = [
    '-----BEGIN PGP SIGNATURE-----',
    '-----BEGIN SSH SIGNATURE-----',
    '-----BEGIN SIGNED MESSAGE-----',
  ];
  const at = Math.max(...markers.map((m) => text.lastIndexOf(`\n${m}`)));
  if (at === -1) return { payload: Buffer.from(text, 'utf8'), signature: '' };
  return { payload: Buffer.from(text.slice(0, at + 1), 'utf8'), signature: text.slice(at + 1) };
}

/** The signed parts of the commit `rev` in the repository at `dir`. */
export async function readSignedCommit(dir: string, rev: string, options: GitOptions): Promise<SignedObject> {
  return splitCommitObject(await runGit(['cat-file', 'commit', rev], { ...options, cwd: dir }));
}

/** An annotated tag object: its id and signed parts; undefined for a lightweight tag. */
export interface AnnotatedTag extends SignedObject {
  hash: string;
}

/** The tag object `refs/tags/<tag>` points to in the repository at `dir`, if it is annotated. */
export async function readAnnotatedTag(
  dir: string,
  tag: string,
  options: GitOptions,
): Promise<AnnotatedTag | undefined> {
  const ref = `refs/tags/${tag}`;
  const cwd = { ...options, cwd: dir };
  const hash = (await runGit(['rev-parse', '--verify', '--end-of-options', ref], cwd)).trim();
  const type = (await runGit(['cat-file', '-t', hash], cwd)).trim();
  if (type !== 'tag') return undefined;
  return { hash, ...splitTagObject(await runGit(['cat-file', 'tag', hash], cwd)) };
}
