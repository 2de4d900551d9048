import {
  HELM_API_VERSION,
  KUSTOMIZE_API_VERSION,
  SOURCE_API_VERSION,
  type KubeObject,
  type Resources,
} from '@tideline/core';
import { resolveResource } from './api-resources.js';
import { CliError, ExitCode, UsageError } from './cli-error.js';
import { stringFlag, type CliCommand, type CommandContext } from './command.js';
import {
  helmReleaseTrace,
  kustomizationTrace,
  type ReadyView,
  type TracedObject,
  type TracedSource,
} from './trace-report.js';

type Obj = KubeObject &
  TracedObject & { metadata: { ownerReferences?: { apiVersion: string; kind: string; name: string }[] } };
type Owner = { namespace: string; name: string };

/** Owner references followed at most this deep (Pod → ReplicaSet → Deployment is two). */
const MAX_OWNER_DEPTH = 8;

const readyOf = (o: TracedObject | undefined): ReadyView | undefined =>
  (o?.status?.conditions as (ReadyView & { type: string })[] | undefined)?.find((c) => c.type === 'Ready');

/** The `<group>/name` and `/namespace` labels, as flux's `isManagedByFlux`. Pure. */
export function ownerFromLabels(
  labels: Record<string, string> | undefined,
  group: string,
): Owner | undefined {
  const name = labels?.[`${group}/name`];
  return name ? { name, namespace: labels?.[`${group}/namespace`] ?? '' } : undefined;
}

/** flux's `isOwnerManagedByFlux`: the object's labels, else its owners' (recursively). */
async function managedBy(
  resources: Resources,
  obj: Obj,
  group: string,
  depth = 0,
): Promise<Owner | undefined> {
  const direct = ownerFromLabels(obj.metadata.labels, group);
  if (direct || depth >= MAX_OWNER_DEPTH) return direct;
  for (const ref of obj.metadata.ownerReferences ?? []) {
    const owner = await resources
      .get<Obj>({
        apiVersion: ref.apiVersion,
        kind: ref.kind,
        namespace: obj.metadata.namespace,
        name: ref.name,
      })
      .catch(() => undefined);
    if (!owner) return undefined;
    const found = await managedBy(resources, owner, group, depth + 1);
    if (found) return found;
  }
  return undefined;
}

async function getFlux(resources: Resources, apiVersion: string, kind: string, o: Owner): Promise<Obj> {
  const found = await resources.get<Obj>({ apiVersion, kind, namespace: o.namespace, name: o.name });
  if (!found)
    throw new CliError(`failed to find ${kind.toLowerCase()}: ${kind} ${o.namespace}/${o.name} not found`);
  return found;
}

async function source(
  resources: Resources,
  kind: string | undefined,
  o: Owner,
): Promise<TracedSource | undefined> {
  if (kind !== 'GitRepository' && kind !== 'OCIRepository' && kind !== 'HelmRepository') return undefined;
  const object = await getFlux(resources, SOURCE_API_VERSION, kind, o);
  return { kind, object, ready: readyOf(object) };
}

type SourceRef = { kind?: string; name?: string; namespace?: string };

/** The report of one object, as flux trace prints it; `object not managed by Flux` otherwise. */
async function traceObject(resources: Resources, obj: Obj): Promise<string> {
  const subject = { kind: obj.kind, name: obj.metadata.name, namespace: obj.metadata.namespace };
  const ksRef = await managedBy(resources, obj, 'kustomize.toolkit.fluxcd.io');
  if (ksRef) {
    const ks = await getFlux(resources, KUSTOMIZE_API_VERSION, 'Kustomization', ksRef);
    const ref = (ks.spec?.sourceRef ?? {}) as SourceRef;
    const src = await source(resources, ref.kind, {
      namespace: ref.namespace || ksRef.namespace,
      name: ref.name ?? '',
    });
    return kustomizationTrace(subject, ks, readyOf(ks), src);
  }
  const hrRef = await managedBy(resources, obj, 'helm.toolkit.fluxcd.io');
  if (hrRef) {
    const hr = await getFlux(resources, HELM_API_VERSION, 'HelmRelease', hrRef);
    const chartId = typeof hr.status?.helmChart === 'string' ? hr.status.helmChart : '';
    const [chartNs = '', chartName = ''] = chartId.split('/');
    const chartObj = chartId
      ? await getFlux(resources, SOURCE_API_VERSION, 'HelmChart', { namespace: chartNs, name: chartName })
      : undefined;
    const ref = ((hr.spec?.chart as { spec?: { sourceRef?: SourceRef } } | undefined)?.spec?.sourceRef ??
      {}) as SourceRef;
    const src = await source(resources, ref.kind, {
      namespace: ref.namespace || hrRef.namespace,
      name: ref.name ?? '',
    });
    const chart = chartObj && { kind: 'HelmChart', object: chartObj, ready: readyOf(chartObj) };
    return helmReleaseTrace(subject, hr, readyOf(hr), chart, src);
  }
  throw new CliError('object not managed by Flux');
}

/** `<resource> <name>` or `<resource>/<name>`, as kubectl's resource builder reads them. Pure. */
export function traceTargets(words: readonly string[]): { resource: string; name: string }[] {
  if (words.length === 0)
    throw new UsageError('either `<resource>/<name>` or `<resource> <name>` is required as an argument');
  if (words.every((w) => w.includes('/')))
    return words.map((w) => ({ resource: w.slice(0, w.indexOf('/')), name: w.slice(w.indexOf('/') + 1) }));
  const [resource = '', ...names] = words;
  if (names.length === 0 || names.some((n) => n.includes('/')))
    throw new UsageError('either `<resource>/<name>` or `<resource> <name>` is required as an argument');
  return names.map((name) => ({ resource, name }));
}

/** `tideline trace <resource> <name>…`: reports separated by `---`, as flux trace. */
async function runTrace(ctx: CommandContext): Promise<number> {
  const kindFlag = stringFlag(ctx.flags, 'kind');
  const versionFlag = stringFlag(ctx.flags, 'api-version');
  if (!!kindFlag !== !!versionFlag)
    throw new UsageError(
      kindFlag ? 'object apiVersion is required (--api-version)' : 'object kind is required (--kind)',
    );
  const targets = kindFlag
    ? ctx.positionals.map((name) => ({ resource: '', name }))
    : traceTargets(ctx.positionals);
  if (targets.length === 0) throw new UsageError('object name is required');
  const resources = await ctx.cluster();
  let failed = 0;
  for (const [i, t] of targets.entries()) {
    const type =
      kindFlag && versionFlag
        ? { apiVersion: versionFlag, kind: kindFlag, namespaced: true }
        : await resolveResource(resources.client, t.resource);
    const namespace = type.namespaced ? ctx.namespace : undefined;
    const obj = await resources.get<Obj>({
      apiVersion: type.apiVersion,
      kind: type.kind,
      namespace,
      name: t.name,
    });
    try {
      if (!obj) throw new CliError(`${type.kind} "${t.name}" not found`);
      ctx.out(await traceObject(resources, obj));
    } catch (error) {
      failed++;
      ctx.say.failure(
        `failed to trace ${type.kind}/${t.name}${namespace ? ` in namespace ${namespace}` : ''}: ${(error as Error).message}`,
      );
    }
    if (i < targets.length - 1) ctx.out('---\n');
  }
  return failed > 0 ? ExitCode.failed : ExitCode.ok;
}

/** `tideline trace <resource> <name>`. */
export const traceCommand: CliCommand = {
  path: ['trace'],
  args: '<resource> <name> [<name>…]',
  summary: 'Trace in-cluster objects throughout the GitOps delivery pipeline',
  description:
    'As `flux trace`: which Kustomization or HelmRelease manages an object (through its owner labels, or its\n' +
    "owners'), from which source and revision it comes, and their latest reconciliation status.",
  flags: [
    {
      name: 'kind',
      type: 'string',
      value: 'KIND',
      description: "the Kubernetes object kind, e.g. 'Deployment'",
    },
    {
      name: 'api-version',
      type: 'string',
      value: 'VERSION',
      description: "the Kubernetes object API version, e.g. 'apps/v1'",
    },
  ],
  examples: [
    'tideline trace -n apps deployment my-app',
    'tideline trace -n redis pod/redis-master-0 cm/redis',
    'tideline trace namespace redis',
  ],
  cluster: true,
  complete: 'none',
  run: runTrace,
};
