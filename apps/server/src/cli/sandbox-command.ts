import { join } from 'node:path';
import { defaultSandboxDir, sandboxDown, sandboxStatus, sandboxUp } from '@tideline/sandbox';
import { UsageError } from './cli-error.js';
import { stringFlag, type CliCommand, type CommandContext } from './command.js';

/** `tideline sandbox up|status|down [--dir D]`. */
async function runSandbox(ctx: CommandContext): Promise<number> {
  const dir = stringFlag(ctx.flags, 'dir') ?? defaultSandboxDir();
  const action = ctx.positionals[0];
  const err = (line: string): void => void process.stderr.write(`${line}\n`);
  switch (action) {
    case 'up': {
      err(`► starting the sandbox in ${dir}`);
      const { state, started } = await sandboxUp({ dir, onProgress: (line) => err(`  ${line}`) });
      err(started ? '✔ sandbox is ready' : `✔ sandbox is already running (pid ${state.pid})`);
      process.stdout.write(`${state.kubeconfigPath}\n`);
      return 0;
    }
    case 'status': {
      const status = sandboxStatus(dir);
      if (!status.running || !status.state) {
        err(`✗ no sandbox is running in ${dir}`);
        return 1;
      }
      const s = status.state;
      process.stdout.write(
        [
          `running:     yes (pid ${s.pid}, since ${s.startedAt})`,
          `kubeconfig:  ${s.kubeconfigPath}`,
          `git:         ${s.gitUrl}`,
          ...(s.gitSshUrl
            ? [`git (ssh):   ${s.gitSshUrl} (deploy key and known_hosts in ${join(dir, 'git-ssh')})`]
            : []),
          `charts:      ${s.chartRepoUrl}`,
          `registry:    ${s.registryHost}`,
          ...(s.webhookSinkUrl
            ? [`webhooks:    ${s.webhookSinkUrl} (sink; recorded requests at /_sink/requests)`]
            : []),
          '',
        ].join('\n'),
      );
      return 0;
    }
    case 'down': {
      const stopped = await sandboxDown({ dir });
      err(stopped ? '✔ sandbox stopped' : `✔ no sandbox was running in ${dir}`);
      return 0;
    }
    default:
      throw new UsageError(
        action
          ? `unknown sandbox action "${action}": expected up, status or down`
          : 'expected up, status or down',
      );
  }
}

/** `tideline sandbox`: the embedded sandbox alone, detached. */
export const sandboxCommand: CliCommand = {
  path: ['sandbox'],
  args: 'up|status|down',
  summary: 'Run the embedded sandbox (a real Kubernetes control plane, Git, Helm and OCI servers) detached',
  description:
    '`up` starts it and prints its kubeconfig path; `status` shows where it runs; `down` stops it.',
  flags: [
    {
      name: 'dir',
      type: 'string',
      value: 'DIR',
      description: 'the sandbox directory (default ~/.local/share/tideline/sandbox)',
    },
  ],
  run: runSandbox,
};
