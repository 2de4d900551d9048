import type { CliCommand } from './command.js';

/** Flags that take a separate value anywhere on the line (so their value is not read as a word). */
const VALUE_FLAGS = new Set(['-n', '--namespace', '--kubeconfig', '--context', '--timeout']);

/** What the words of a command line name. */
export type Resolution =
  | { type: 'command'; command: CliCommand; argv: string[] }
  | { type: 'group'; prefix: string[] }
  | { type: 'unknown'; prefix: string[]; word: string };

/** The indexes of the words of a command line (not flags, not the values of cluster flags). Pure. */
function wordIndexes(argv: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') break;
    if (arg.startsWith('-')) {
      if (VALUE_FLAGS.has(arg)) i++;
      continue;
    }
    out.push(i);
  }
  return out;
}

/**
 * Finds the command a line names: the longest command path (or alias path) its first words
 * spell; cluster flags may come before the words, as cobra allows. A prefix of commands
 * (`create`, `create source`) is a group; any other word is unknown. Pure.
 */
export function resolveCommand(
  argv: readonly string[],
  commands: readonly CliCommand[],
  aliases: ReadonlyMap<string, readonly string[]> = new Map(),
): Resolution {
  const indexes = wordIndexes(argv);
  const words = indexes.map((i) => argv[i] ?? '');
  const canonical: string[] = [];
  let consumed = 0;
  // Read words while they extend a command prefix; an alias stands for its canonical word.
  for (const word of words) {
    const next = [...canonical, aliases.get([...canonical, word].join(' '))?.at(-1) ?? word];
    if (!commands.some((c) => next.every((w, i) => c.path[i] === w))) break;
    canonical.splice(0, canonical.length, ...next);
    consumed++;
    const exact = commands.find(
      (c) => c.path.length === canonical.length && c.path.every((w, i) => w === canonical[i]),
    );
    if (
      exact &&
      !commands.some((c) => c.path.length > canonical.length && canonical.every((w, i) => c.path[i] === w))
    )
      break;
  }
  const exact = commands.find(
    (c) => c.path.length === canonical.length && c.path.every((w, i) => w === canonical[i]),
  );
  if (exact) {
    const drop = new Set(indexes.slice(0, consumed));
    return { type: 'command', command: exact, argv: argv.filter((_, i) => !drop.has(i)) };
  }
  const word = words[consumed];
  if (word !== undefined && canonical.length === 0) return { type: 'unknown', prefix: [], word };
  if (word !== undefined && !argv.includes('--help') && !argv.includes('-h'))
    return { type: 'unknown', prefix: canonical, word };
  return { type: 'group', prefix: canonical };
}
