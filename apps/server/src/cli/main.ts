import { runSandboxCommand } from './sandbox-command.js';

const USAGE = `Usage: tideline <command>

Commands:
  sandbox up [--dir D]       start the embedded sandbox (detached) and print its kubeconfig path
  sandbox status [--dir D]   show whether the sandbox runs, and where
  sandbox down [--dir D]     stop the sandbox and every process it started
`;

/** The `tideline` command line; resolves the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'sandbox':
      return runSandboxCommand(rest);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`✗ unknown command '${command}'\n\n${USAGE}`);
      return 1;
  }
}
