import { runActionCommand } from './action-command.js';
import { runGetCommand } from './get-command.js';
import { runSandboxCommand } from './sandbox-command.js';
import { runStartCommand } from './start-command.js';

const USAGE = `Usage: tideline <command>

Commands:
  start [--kubeconfig PATH] [--port N] [--host H] [--observe]
                             start the engine, API and dashboard (on the embedded sandbox by default)
  get all|sources git|sources helm|sources chart|sources oci|images repository|images policy|images update|kustomizations [-A|-n NS]
                             print Flux objects as \`flux get\` does
  suspend|resume|reconcile kustomization|source git|source helm|source chart|source oci|image repository|image policy|image update NAME [-n NS]
                             act on an object as \`flux\` does
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
    case 'start':
      return runStartCommand(rest);
    case 'get':
      return runGetCommand(rest);
    case 'suspend':
    case 'resume':
    case 'reconcile':
      return runActionCommand(command, rest);
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
