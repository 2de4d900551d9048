/** Remote refs as `git ls-remote` lists them, and the pure rules for reading them. */

/** Ref name → object id, including peeled `refs/tags/x^{}` entries. */
export type RemoteRefs = ReadonlyMap<string, string>;

const PEEL = '^{}';

/** Parses `git ls-remote` output (`<oid>\t<ref>` lines). Pure. */
export function parseLsRemote(output: string): RemoteRefs {
  const refs = new Map<string, string>();
  for (const line of output.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab <= 0) continue;
    refs.set(line.slice(tab + 1).trim(), line.slice(0, tab).trim());
  }
  return refs;
}

/**
 * The commit a ref points to, as fluxcd/pkg `filterRefs` reads it: an annotated tag is peeled
 * through its `^{}` entry; a lightweight tag or any other ref is taken as listed. Pure.
 */
export function resolveRemoteRef(refs: RemoteRefs, ref: string): string | undefined {
  if (ref.startsWith('refs/tags/') && !ref.endsWith(PEEL)) return refs.get(ref + PEEL) ?? refs.get(ref);
  return refs.get(ref);
}

/** Tag names (without `refs/tags/`) with the commit each points to, peeled. Pure. */
export function remoteTags(refs: RemoteRefs): Map<string, string> {
  const tags = new Map<string, string>();
  for (const ref of refs.keys()) {
    if (!ref.startsWith('refs/tags/') || ref.endsWith(PEEL)) continue;
    const commit = resolveRemoteRef(refs, ref);
    if (commit) tags.set(ref.slice('refs/tags/'.length), commit);
  }
  return tags;
}

/** Characters and sequences `git check-ref-format` forbids. */
const FORBIDDEN = /[\x00-\x20\x7f~^:?*[\\]|\.\.|@\{|\/\/|\.lock(\/|$)|(^|\/)\./;

/**
 * Why a ref (or branch/tag short name) is unsafe to hand to git, or undefined when it is fine:
 * `git check-ref-format` rules, plus no leading `-` so it can never read as an option. Pure.
 */
export function refNameProblem(name: string): string | undefined {
  if (name === '') return 'empty';
  if (name.startsWith('-')) return 'must not start with "-"';
  if (name.startsWith('/') || name.endsWith('/')) return "Git refs cannot begin or end with a slash '/'";
  if (name.endsWith('.') || name === '@') return 'not a valid ref name';
  if (FORBIDDEN.test(name)) return 'contains characters or sequences Git does not allow in ref names';
  return undefined;
}
