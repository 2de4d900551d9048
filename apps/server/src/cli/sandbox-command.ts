import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultSandboxDir, sandboxDown, sandboxStatus, sandboxUp } from '@tideline/sandbox';

/** `tideline sandbox up|status|down [--dir D]`. */
export async function runSandboxCommand(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: { dir: { type: 'string' } },
  });
  const dir = values.dir ?? defaultSandboxDir();
  const action = positionals[0];
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
      err('✗ usage: tideline sandbox up|status|down [--dir D]');
      return 1;
  }
}
