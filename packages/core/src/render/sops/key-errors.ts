/**
 * sops's user-facing "could not get the data key" report (usererrors.go), without colours (a
 * controller's stdout is no terminal): per group, per key, the wrapped errors. Pure.
 */

/** mitchellh/go-wordwrap: break at spaces so lines stay within `limit` (long words stay whole). */
export function wordWrap(text: string, limit: number): string {
  return text
    .split('\n')
    .map((line) => {
      const out: string[] = [];
      let current = '';
      for (const word of line.split(' ')) {
        if (current !== '' && current.length + 1 + word.length > limit) {
          out.push(current);
          current = word;
        } else current = current === '' ? word : `${current} ${word}`;
      }
      out.push(current);
      return out.join('\n');
    })
    .join('\n');
}

const prefix = (text: string, p: string): string =>
  text
    .split('\n')
    .map((l) => p + l)
    .join('\n');

/** One key's failure: `<name>: FAILED` and its errors as `- | …` blocks. */
export function keyFailure(name: string, errors: readonly string[]): string {
  const blocks = errors.map((e) => `-${prefix(wordWrap(e, 60), '  | ').slice(1)}`);
  return `${name}: FAILED\n${prefix(blocks.join('\n\n'), '  ')}`;
}

/** The whole report for the key groups (`undefined` = that group succeeded). */
export function dataKeyFailure(
  groups: readonly (readonly string[] | undefined)[],
  threshold: number,
): string {
  const parts = groups.map((g, i) =>
    g === undefined ? `Group ${i}: SUCCESS` : `Group ${i}: FAILED\n${prefix(g.join('\n\n'), '  ')}`,
  );
  const ok = groups.filter((g) => g === undefined).length;
  const trailer =
    threshold === 0
      ? 'Recovery failed because no master key was able to decrypt the file. In order for SOPS to recover the file, at least one key has to be successful, but none were.'
      : `Recovery failed because the file was encrypted with a Shamir threshold of ${threshold}, but only ${ok} part(s) were successfully recovered, one for each successful key group. In order for SOPS to recover the file, at least ${threshold} groups have to be successful. In order for a group to be successful, decryption has to succeed with any of the keys in that key group.`;
  return `Failed to get the data key required to decrypt the SOPS file.\n\n${parts.join('\n\n')}\n\n${wordWrap(trailer, 75)}`;
}
