import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStandalonePlanner } from '@tideline/core';
import { CliError, ExitCode, UsageError } from './cli-error.js';
import { stringFlag, type CliCommand, type CommandContext } from './command.js';
import { resolveKubeconfig } from './cluster-connection.js';
import { helmReleaseDiffLines } from './helmrelease-diff-lines.js';
import { pinnedTool } from './pinned-tools.js';

/** `tideline diff helmrelease NAME`: exit 1 with differences, 0 without, 2 when the diff fails. */
async function runDiff(ctx: CommandContext): Promise<number> {
  const [name, ...extra] = ctx.positionals;
  if (!name) throw new UsageError('helmrelease name is required');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0] ?? ''}"`);
  // helm is given the kubeconfig file, not a context of it: refuse rather than diff another cluster.
  if (stringFlag(ctx.flags, 'context'))
    throw new UsageError('--context is not supported by diff helmrelease');
  const resources = await ctx.cluster();
  const workDir = await mkdtemp(join(tmpdir(), 'tl-hrdiff-'));
  const planner = createStandalonePlanner({
    resources,
    helmBin: pinnedTool('helm'),
    kubectlBin: pinnedTool('kubectl'),
    workDir,
    kubeconfigPath: resolveKubeconfig(stringFlag(ctx.flags, 'kubeconfig'), process.env),
  });
  try {
    const plan = await planner.plan(ctx.namespace, name, AbortSignal.timeout(ctx.timeoutMs));
    const { lines, errors } = helmReleaseDiffLines(plan);
    ctx.out(lines.join(''));
    if (errors.length > 0) throw new CliError(errors.join('; '), ExitCode.usage);
    ctx.say.success('HelmRelease diffing...');
    return lines.length > 0 ? ExitCode.failed : ExitCode.ok;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError((error as Error).message, ExitCode.usage);
  } finally {
    await planner.stop();
    await rm(workDir, { recursive: true, force: true });
  }
}

/** `tideline diff helmrelease NAME`. */
export const diffHelmReleaseCommand: CliCommand = {
  path: ['diff', 'helmrelease'],
  args: 'NAME',
  summary: 'Diff a HelmRelease',
  description:
    "As the dashboard's desired vs live: renders the HelmRelease's chart artifact with its merged values\n" +
    '(helm template --dry-run=server, post-renderers) and prints what an upgrade changes in the stored\n' +
    'release (`► Kind/ns/name upgraded|added to the release|deleted`) and how the cluster differs from the\n' +
    'rendered objects by server-side dry-run (`created|drifted`, driftDetection.ignore applied); Secret values\n' +
    'are masked. Exit code 1 when there are differences, 0 when there are none, 2 when the diff failed.',
  flags: [],
  examples: ['tideline diff helmrelease podinfo -n podinfo'],
  cluster: true,
  complete: 'names',
  run: runDiff,
};
