import { ExitCode } from './cli-error.js';
import { flagsOf, type CliCommand, type FlagSpec } from './command.js';

/** The exit codes, as `tideline --help` prints them. */
export const EXIT_CODES_HELP = `Exit codes:
  ${ExitCode.ok}  success
  ${ExitCode.failed}  the operation failed: an object not found, a cluster that cannot be reached, a
     reconciliation that failed; for \`diff\`: differences were found
  ${ExitCode.usage}  the command line is wrong: an unknown command, kind or flag, a missing argument;
     for \`diff\`: the diff itself failed`;

/** `-n, --namespace NS` and its padding. Pure. */
function flagLine(flag: FlagSpec): string {
  const names = `${flag.short ? `-${flag.short}, ` : '    '}--${flag.name}${flag.type === 'string' ? ` ${flag.value ?? 'VALUE'}` : ''}`;
  const def =
    flag.default !== undefined && flag.default !== false && flag.default !== ''
      ? ` (default ${JSON.stringify(flag.default)})`
      : '';
  const many = flag.multiple ? ' (repeatable, or comma-separated)' : '';
  return `  ${names.padEnd(34)} ${flag.description}${def}${many}`;
}

/** The help of one command, as cobra lays it out. Pure. */
export function commandHelp(command: CliCommand): string {
  const lines = [command.summary, ''];
  if (command.description) lines.push(command.description, '');
  lines.push('Usage:', `  tideline ${[...command.path, command.args].filter(Boolean).join(' ')} [flags]`, '');
  if (command.examples?.length) {
    lines.push('Examples:', ...command.examples.map((e) => `  ${e}`), '');
  }
  lines.push('Flags:', ...command.flags.map(flagLine));
  if (command.cluster) {
    lines.push(
      '',
      'Cluster flags:',
      ...flagsOf(command)
        .filter((f) => !command.flags.includes(f))
        .map(flagLine),
    );
  } else {
    lines.push(flagLine({ name: 'help', short: 'h', type: 'boolean', description: 'help for this command' }));
  }
  return `${lines.join('\n')}\n`;
}

/** The commands under a prefix (`create` → `create source git`, …), one line each. Pure. */
export function groupHelp(prefix: readonly string[], commands: readonly CliCommand[]): string {
  const under = commands.filter((c) => prefix.every((word, i) => c.path[i] === word));
  const width = Math.max(...under.map((c) => c.path.join(' ').length));
  const title =
    prefix.length === 0
      ? 'tideline: a FluxCD-compatible GitOps control plane'
      : `tideline ${prefix.join(' ')}`;
  return `${[
    title,
    '',
    'Usage:',
    `  tideline ${[...prefix, '<command>'].join(' ')} [flags]`,
    '',
    'Commands:',
    ...under.map((c) => `  ${c.path.join(' ').padEnd(width)}   ${c.summary}`),
    '',
    `Run 'tideline ${[...prefix, '<command>'].join(' ')} --help' for a command's flags.`,
    ...(prefix.length === 0 ? ['', EXIT_CODES_HELP] : []),
  ].join('\n')}\n`;
}
