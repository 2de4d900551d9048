import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  defaultSandboxDir,
  pushImageManifest,
  readState,
  sandboxDown,
  sandboxStatus,
  sandboxUp,
} from '@tideline/sandbox';

/**
 * `NAME:TAG` of `sandbox push-image`, optionally prefixed with the sandbox registry's host;
 * undefined when it is not one. Pure.
 */
export function parseImageArgument(
  argument: string | undefined,
  registryHost: string,
): { repository: string; tag: string } | undefined {
  if (!argument) return undefined;
  const name = argument.startsWith(`${registryHost}/`) ? argument.slice(registryHost.length + 1) : argument;
  const colon = name.lastIndexOf(':');
  if (colon <= 0 || colon === name.length - 1) return undefined;
  const repository = name.slice(0, colon);
  const tag = name.slice(colon + 1);
  return repository.includes(':') || tag.includes('/') ? undefined : { repository, tag };
}

const USAGE = '✗ usage: tideline sandbox up|status|down [--dir D] | push-image NAME:TAG [--dir D]';

/** `tideline sandbox up|status|down|push-image [--dir D]`. */
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
    case 'push-image':
      return pushImage(dir, positionals[1], err);
    default:
      err(USAGE);
      return 1;
  }
}

/** Pushes a minimal image as `NAME:TAG` to the sandbox registry, as a CI pipeline would. */
async function pushImage(
  dir: string,
  argument: string | undefined,
  err: (line: string) => void,
): Promise<number> {
  const state = readState(dir);
  if (!state) {
    err(`✗ no sandbox is running in ${dir}`);
    return 1;
  }
  const image = parseImageArgument(argument, state.registryHost);
  if (!image) {
    err(`✗ usage: tideline sandbox push-image NAME:TAG [--dir D] (for example my-app:v1.0.1)`);
    return 1;
  }
  const ref = `${state.registryHost}/${image.repository}:${image.tag}`;
  try {
    const { digest } = await pushImageManifest({ host: state.registryHost, ...image });
    process.stdout.write(`${ref}@${digest}\n`);
    err(`✔ pushed ${ref}`);
    err(
      `  ImageRepositories scanning ${state.registryHost}/${image.repository} see it at their next scan;` +
        ` to scan now: tideline reconcile image repository NAME -n NAMESPACE`,
    );
    return 0;
  } catch (error) {
    err(`✗ push of ${ref} failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
