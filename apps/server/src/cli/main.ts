import { runActionCommand } from './action-command.js';
import { runCreateReceiverCommand } from './create-receiver-command.js';
import { runGetCommand } from './get-command.js';
import { runSandboxCommand } from './sandbox-command.js';
import { runStartCommand } from './start-command.js';
import { FLUX_KINDS } from '@tideline/core';

/** The kind words of `get` and of the actions, from the kind registry. */
const KIND_LIST_WORDS = FLUX_KINDS.map((k) => k.cli.listNoun).join('|');
const KIND_WORDS = FLUX_KINDS.map((k) => k.cli.noun).join('|');

const USAGE = `Usage: tideline <command>

Commands:
  start [--kubeconfig PATH] [--port N] [--host H] [--observe] [--allowed-host NAME]...
        [--trusted-proxy IP]... [--insecure-listen]
                             start the engine, API and dashboard (on the embedded sandbox by default);
                             a non-loopback --host needs --insecure-listen (plain HTTP: put TLS in front)
  get all|${KIND_LIST_WORDS} [-A|-n NS]
                             print Flux objects as \`flux get\` does
  suspend|resume|reconcile ${KIND_WORDS} NAME [-n NS]
                             act on an object as \`flux\` does
  create receiver NAME --type T --secret-ref S --resource Kind/name [--event E] [-n NS]
                             create a Receiver and print its webhook URL, as \`flux create receiver\` does
  reconcile kustomization|helmrelease NAME --with-source
                             reconcile its source first
  reconcile helmrelease NAME [--force] [--reset]
                             force a Helm upgrade / reset the failure counters
  sandbox up [--dir D]       start the embedded sandbox (detached) and print its kubeconfig path
  sandbox status [--dir D]   show whether the sandbox runs, and where
  sandbox down [--dir D]     stop the sandbox and every process it started
  sandbox push-image NAME:TAG [--dir D]
                             push a minimal image to the sandbox registry (e.g. my-app:v1.0.1)
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
    case 'create':
      if (rest[0] === 'receiver') return runCreateReceiverCommand(rest.slice(1));
      process.stderr.write(
        '✗ usage: tideline create receiver NAME --type T --secret-ref S --resource Kind/name\n',
      );
      return 1;
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
