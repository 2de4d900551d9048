import { FLUX_KINDS } from '@tideline/core';
import { CLUSTER_FLAGS, flagsOf, type CliCommand } from './command.js';

/** The words that may follow each line of words so far (`''` → top-level commands). Pure. */
export function wordTree(commands: readonly CliCommand[]): Map<string, Set<string>> {
  const tree = new Map<string, Set<string>>();
  const add = (words: readonly string[]): void => {
    for (let i = 0; i < words.length; i++) {
      const key = words.slice(0, i).join(' ');
      const next = tree.get(key) ?? new Set<string>();
      next.add(words[i] ?? '');
      tree.set(key, next);
    }
  };
  for (const command of commands) {
    add(command.path);
    if (command.complete !== 'kinds') continue;
    const plural = command.path[0] === 'get';
    for (const kind of FLUX_KINDS) {
      // The canonical words, and the short aliases (`ks`, `hr`) people type.
      const short = kind.cli.aliases.filter((alias) => alias.length <= 3);
      for (const phrase of [plural ? kind.cli.listNoun : kind.cli.noun, ...short])
        add([...command.path, ...phrase.split(' ')]);
    }
    if (plural)
      for (const all of [['all'], ['sources', 'all'], ['images', 'all']]) add([...command.path, ...all]);
  }
  return tree;
}

/** Every flag spelling of a command (`--namespace`, `-n`). Pure. */
function flagWords(command: CliCommand): string[] {
  return flagsOf(command).flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]);
}

/** Flags that take a value as the next word (their value is not a command word). Pure. */
function valueFlags(commands: readonly CliCommand[]): string[] {
  const all = [...CLUSTER_FLAGS, ...commands.flatMap((c) => c.flags)].filter((f) => f.type === 'string');
  return [...new Set(all.flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])]))];
}

const quote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

/** Commands, longest path first, so the first match of a line's words is its command. */
const byLength = (commands: readonly CliCommand[]): CliCommand[] =>
  [...commands].sort((a, b) => b.path.length - a.path.length);

/**
 * A bash completion script (also loaded by zsh through bashcompinit) generated from the
 * command specs: command words, the kinds a command takes, and each command's flags. Pure.
 */
export function bashCompletion(commands: readonly CliCommand[]): string {
  const words = [...wordTree(commands)]
    .map(([key, next]) => `    ${quote(key)}) opts=${quote([...next].join(' '))} ;;`)
    .join('\n');
  const flags = byLength(commands)
    .map((c) => {
      const path = c.path.join(' ');
      return `    ${quote(path)}|${quote(`${path} `)}*) opts=${quote(flagWords(c).join(' '))} ;;`;
    })
    .join('\n');
  return `# tideline completion for bash (generated from the command specs)
_tideline() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" key="" w i skip=0 opts=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      ${valueFlags(commands).join('|')}) skip=1; continue ;;
      -*) continue ;;
    esac
    key="\${key:+$key }$w"
  done
  if [[ "$cur" == -* ]]; then
    case "$key" in
${flags}
    esac
  else
    case "$key" in
${words}
    esac
  fi
  COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _tideline tideline
`;
}

/** The zsh script: bash's, through zsh's bashcompinit. Pure. */
export function zshCompletion(commands: readonly CliCommand[]): string {
  return `#compdef tideline\n# tideline completion for zsh\nautoload -U +X bashcompinit && bashcompinit\n${bashCompletion(commands)}`;
}

/** A fish completion script generated from the command specs. Pure. */
export function fishCompletion(commands: readonly CliCommand[]): string {
  const lines = [
    '# tideline completion for fish (generated from the command specs)',
    'function __tideline_words',
    '    set -l words (commandline -opc)',
    '    set -e words[1]',
    '    set -l out',
    '    set -l skip 0',
    '    for w in $words',
    '        if test $skip = 1',
    '            set skip 0',
    '            continue',
    '        end',
    `        if contains -- $w ${valueFlags(commands).join(' ')}`,
    '            set skip 1',
    '            continue',
    '        end',
    "        string match -q -- '-*' $w; and continue",
    '        set -a out $w',
    '    end',
    "    string join ' ' $out",
    'end',
  ];
  for (const [key, next] of wordTree(commands))
    lines.push(
      `complete -c tideline -f -n ${quote(`test "(__tideline_words)" = ${quote(key)}`)} -a ${quote([...next].join(' '))}`,
    );
  for (const c of commands) {
    const path = c.path.join(' ');
    const cond = quote(`string match -q -- ${quote(`${path}*`)} (__tideline_words)`);
    for (const f of flagsOf(c))
      lines.push(
        `complete -c tideline -n ${cond} -l ${f.name}${f.short ? ` -s ${f.short}` : ''}${f.type === 'string' ? ' -r' : ''} -d ${quote(f.description)}`,
      );
  }
  return `${lines.join('\n')}\n`;
}
