import { detectFluxControllers, type KubeObject, type Resources } from '@tideline/core';
import { ExitCode, UsageError } from './cli-error.js';
import { booleanFlag, type CliCommand, type CommandContext } from './command.js';
import {
  controllerEntries,
  crdEntries,
  ENGINE_LEASE,
  engineEntries,
  kubernetesEntry,
  type CheckEntry,
  type CrdView,
  type LeaseView,
} from './check-report.js';
import type { ServerVersion } from './cluster-connection.js';

const CRD = { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' } as const;

/** Prints a section's entries; true when one failed. */
function report(ctx: CommandContext, entries: readonly CheckEntry[]): boolean {
  for (const e of entries) (e.failed ? ctx.say.failure : ctx.say.success)(e.name);
  return entries.some((e) => e.failed);
}

/**
 * flux's "version in cluster": the distribution from the GitRepository CRD's
 * `app.kubernetes.io/part-of`/`version` labels, and whether the cluster was bootstrapped (flux:
 * the CRD carries kustomize-controller's owner label; Tideline's bootstrap installs no CRDs, so
 * also the `flux-system` Kustomization it writes).
 */
async function versionEntries(resources: Resources, namespace: string): Promise<CheckEntry[]> {
  const crd = await resources.get<KubeObject>({ ...CRD, name: 'gitrepositories.source.toolkit.fluxcd.io' });
  if (!crd) return [{ name: 'error getting cluster info: GitRepository CRD not found', failed: true }];
  const labels = crd.metadata.labels ?? {};
  const partOf = labels['app.kubernetes.io/part-of'];
  const version = labels['app.kubernetes.io/version'];
  const entries: CheckEntry[] = partOf
    ? [{ name: `distribution: ${partOf}${version ? `-${version}` : ''}` }]
    : [];
  const sync = await resources.get({
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    namespace,
    name: 'flux-system',
  });
  const bootstrapped = labels['kustomize.toolkit.fluxcd.io/name'] !== undefined || sync !== undefined;
  return [...entries, { name: `bootstrapped: ${String(bootstrapped)}` }];
}

/** The engine's leader and Flux's controllers, then the controllers the engine runs. */
async function engineSection(resources: Resources, namespace: string): Promise<CheckEntry[]> {
  const [lease, flux] = await Promise.all([
    resources.get<KubeObject & LeaseView>({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      namespace,
      name: ENGINE_LEASE,
    }),
    detectFluxControllers(resources, namespace),
  ]);
  const engine = engineEntries(lease, flux, namespace, Date.now());
  return engine.some((e) => e.failed) ? engine : [...engine, ...controllerEntries()];
}

/** `flux check [--pre]`, for Tideline's engine. */
async function runCheck(ctx: CommandContext): Promise<number> {
  if (ctx.positionals.length > 0)
    throw new UsageError(`unknown command "${ctx.positionals[0] ?? ''}" for "tideline check"`);
  const resources = await ctx.cluster();
  ctx.say.action('checking prerequisites');
  const version = await resources.client.request<ServerVersion>({ method: 'GET', path: '/version' });
  let failed = report(ctx, [kubernetesEntry(version.gitVersion)]);
  if (booleanFlag(ctx.flags, 'pre')) {
    if (failed) return ExitCode.failed;
    ctx.say.success('prerequisites checks passed');
    return ExitCode.ok;
  }
  ctx.say.action('checking version in cluster');
  failed = report(ctx, await versionEntries(resources, ctx.namespace)) || failed;
  ctx.say.action('checking controllers');
  failed = report(ctx, await engineSection(resources, ctx.namespace)) || failed;
  ctx.say.action('checking crds');
  const crds = await resources.list<KubeObject & CrdView>(CRD.apiVersion, CRD.kind);
  failed = report(ctx, crdEntries(crds.items)) || failed;
  if (failed) {
    ctx.say.failure('check failed');
    return ExitCode.failed;
  }
  ctx.say.success('all checks passed');
  return ExitCode.ok;
}

/** `tideline check [--pre]`. */
export const checkCommand: CliCommand = {
  path: ['check'],
  args: '',
  summary: 'Check requirements and installation',
  description:
    "As `flux check`: the Kubernetes version against the engine's requirement (--pre stops there), then the\n" +
    "cluster's distribution, the engine's leader Lease and controllers (or Flux's, in observe mode), and the\n" +
    'CRDs with their stored and served versions. Exit code 1 when a check fails.',
  flags: [{ name: 'pre', type: 'boolean', description: 'only run pre-installation checks' }],
  examples: ['tideline check --pre', 'tideline check'],
  cluster: true,
  complete: 'none',
  run: runCheck,
};
