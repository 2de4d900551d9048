import { ExitCode, UsageError } from './cli-error.js';
import type { CliCommand, CommandContext } from './command.js';
import { bashCompletion, fishCompletion, zshCompletion } from './completion-script.js';

const SHELLS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;

/** `tideline completion bash|zsh|fish`: prints the script for that shell. */
async function runCompletion(ctx: CommandContext): Promise<number> {
  const [shell, ...extra] = ctx.positionals;
  if (!shell || !(shell in SHELLS) || extra.length > 0)
    throw new UsageError(`expected one shell: bash, zsh or fish`);
  // Imported here: the command list includes this command.
  const { COMMANDS } = await import('./commands.js');
  ctx.out(SHELLS[shell as keyof typeof SHELLS](COMMANDS));
  return ExitCode.ok;
}

/** `tideline completion bash|zsh|fish`. */
export const completionCommand: CliCommand = {
  path: ['completion'],
  args: 'bash|zsh|fish',
  summary: 'Generate the shell completion script for bash, zsh or fish',
  description:
    'Generated from the command specs: command words, the kinds each command takes, and its flags.\n' +
    'bash: source <(tideline completion bash)    zsh: source <(tideline completion zsh)\n' +
    'fish: tideline completion fish | source',
  flags: [],
  examples: ['source <(tideline completion bash)'],
  complete: 'none',
  run: runCompletion,
};
