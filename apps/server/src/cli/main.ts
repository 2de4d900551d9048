import { KubeApiError } from '@tideline/core';
import { CliError, ExitCode, UsageError } from './cli-error.js';
import { connectCluster, unreachableLine, type Cluster } from './cluster-connection.js';
import {
  booleanFlag,
  durationFlag,
  parseCommandLine,
  stringFlag,
  type CliCommand,
  type CommandContext,
} from './command.js';
import { COMMAND_ALIASES, COMMANDS } from './commands.js';
import { commandHelp, groupHelp } from './help.js';
import { resolveCommand } from './resolve-command.js';
import { sayTo } from './say.js';

/** One line for any error a command lets escape: Kubernetes API errors keep their status message. Pure. */
export function errorLine(error: unknown, server?: string): string {
  // A CliError is already the command's own line (say, a reconcile failure quoting a registry's
  // TLS error): only errors from the API client are read as a connection problem.
  if (server && !(error instanceof CliError)) {
    const unreachable = unreachableLine(server, error);
    if (unreachable) return unreachable;
  }
  const message = error instanceof Error ? error.message : String(error);
  const oneLine = message.replace(/\s*\n\s*/g, '; ').trim();
  return error instanceof KubeApiError && error.statusCode === 403 ? `forbidden: ${oneLine}` : oneLine;
}

/** Runs one resolved command with its context; errors become one `✗` line and an exit code. */
async function runCommand(command: CliCommand, argv: readonly string[]): Promise<number> {
  const say = sayTo();
  let connected: Cluster | undefined;
  try {
    const { positionals, flags } = parseCommandLine(command, argv);
    if (booleanFlag(flags, 'help')) {
      process.stdout.write(commandHelp(command));
      return ExitCode.ok;
    }
    const timeoutMs = command.cluster ? durationFlag(flags, 'timeout', '5m') : 300_000;
    const context: CommandContext = {
      positionals,
      flags,
      say,
      out: (text) => void process.stdout.write(text),
      namespace: stringFlag(flags, 'namespace') ?? 'flux-system',
      timeoutMs,
      cluster: async () => {
        connected ??= await connectCluster({
          kubeconfig: stringFlag(flags, 'kubeconfig'),
          context: stringFlag(flags, 'context'),
        });
        return connected.resources;
      },
    };
    return await command.run(context);
  } catch (error) {
    say.failure(errorLine(error, connected?.server));
    if (error instanceof UsageError)
      process.stderr.write(`Run 'tideline ${command.path.join(' ')} --help' for usage.\n`);
    return error instanceof CliError ? error.exitCode : ExitCode.failed;
  }
}

/** The `tideline` command line; resolves the exit code (see `tideline --help`). */
export async function main(argv: readonly string[]): Promise<number> {
  const resolution = resolveCommand(argv, COMMANDS, COMMAND_ALIASES);
  switch (resolution.type) {
    case 'command':
      return runCommand(resolution.command, resolution.argv);
    case 'group': {
      process.stdout.write(groupHelp(resolution.prefix, COMMANDS));
      const asked = argv.includes('--help') || argv.includes('-h') || argv[0] === 'help';
      return asked || resolution.prefix.length > 0 ? ExitCode.ok : ExitCode.usage;
    }
    case 'unknown': {
      if (resolution.prefix.length === 0 && resolution.word === 'help') {
        process.stdout.write(groupHelp([], COMMANDS));
        return ExitCode.ok;
      }
      const where = ['tideline', ...resolution.prefix].join(' ');
      process.stderr.write(
        `✗ unknown command "${resolution.word}" for "${where}"\nRun '${where} --help' for usage.\n`,
      );
      return ExitCode.usage;
    }
  }
}
