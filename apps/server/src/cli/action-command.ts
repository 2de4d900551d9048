import {
  kindDefinition,
  RECONCILE_REQUESTED_ANNOTATION,
  storageApiVersion,
  type Resources,
} from '@tideline/core';
import { CliError, ExitCode, UsageError } from './cli-error.js';
import { booleanFlag, type CliCommand, type CommandContext, type FlagSpec } from './command.js';
import { kindWordChoices, requireKindWords, type CliKind } from './flux-kinds.js';
import type { FluxObject } from './get-rows.js';
import { getObject, listKind, requireNamespace } from './kind-access.js';
import { readyOf, waitForReconcile } from './reconcile-wait.js';

type Ref = { kind: string; namespace: string; name: string };
type RefField = { kind?: string; name?: string; namespace?: string };

/**
 * The source `--with-source` reconciles first, as `flux reconcile … --with-source` finds it: a
 * Kustomization's `sourceRef`; a HelmRelease's generated HelmChart (`<ns>-<name>` in the chart
 * source's namespace) or its `chartRef`; a HelmChart's `sourceRef`. Pure.
 */
export function sourceOf(obj: FluxObject): Ref | undefined {
  const spec = (obj.spec ?? {}) as {
    sourceRef?: RefField;
    chart?: { spec?: { sourceRef?: RefField } };
    chartRef?: RefField;
  };
  const namespace = obj.metadata.namespace ?? 'flux-system';
  const resolve = (ref: RefField | undefined, kind?: string): Ref | undefined =>
    ref?.name && (kind ?? ref.kind)
      ? { kind: kind ?? ref.kind ?? '', namespace: ref.namespace || namespace, name: ref.name }
      : undefined;
  if (obj.kind === 'HelmRelease' && spec.chart?.spec?.sourceRef) {
    const chartSource = resolve(spec.chart.spec.sourceRef);
    return (
      chartSource && {
        kind: 'HelmChart',
        namespace: chartSource.namespace,
        name: `${namespace}-${obj.metadata.name}`,
      }
    );
  }
  return resolve(spec.sourceRef) ?? resolve(spec.chartRef);
}

/** The objects an action names: the NAMEs given (each once), or every object with `--all`. */
async function targets(
  ctx: CommandContext,
  resources: Resources,
  kind: CliKind,
  names: readonly string[],
): Promise<{ found: FluxObject[]; missing: string[] }> {
  if (booleanFlag(ctx.flags, 'all') && names.length === 0) {
    const found = await listKind(resources, kind, { namespace: ctx.namespace });
    if (found.length === 0) {
      await requireNamespace(resources, ctx.namespace);
      throw new CliError(`no ${kind.kind} objects found in "${ctx.namespace}" namespace`);
    }
    return { found, missing: [] };
  }
  const found: FluxObject[] = [];
  const missing: string[] = [];
  for (const name of [...new Set(names)]) {
    const obj = await getObject(resources, kind, ctx.namespace, name);
    if (obj) found.push(obj);
    else missing.push(name);
  }
  return { found, missing };
}

/** Patches `spec.suspend` on each target, as `flux suspend|resume` (a JSON merge patch). */
async function setSuspend(
  ctx: CommandContext,
  resources: Resources,
  kind: CliKind,
  objects: readonly FluxObject[],
  suspend: boolean,
): Promise<void> {
  const noun = kind.cli.humanKind ?? kind.cli.noun;
  for (const obj of objects) {
    const name = obj.metadata.name;
    ctx.say.action(`${suspend ? 'suspending' : 'resuming'} ${noun} ${name} in ${ctx.namespace} namespace`);
    await resources.mergePatch(
      { apiVersion: storageApiVersion(kind), kind: kind.kind, namespace: ctx.namespace, name },
      { spec: { suspend } },
    );
    ctx.say.success(`${noun} ${suspend ? 'suspended' : 'resumed'}`);
  }
}

/** `flux resume`'s wait: every resumed object at once; the count of those that failed. */
async function waitResumed(
  ctx: CommandContext,
  resources: Resources,
  kind: CliKind,
  objects: FluxObject[],
): Promise<number> {
  const waitable = objects.filter((o) => kind.traits.reconcilable && !kind.cli.isStatic?.(o));
  if (waitable.length === 0) return 0;
  ctx.say.waiting(`waiting for ${kind.kind} reconciliation`);
  const results = await Promise.all(
    waitable.map((o) =>
      waitForReconcile(
        resources,
        kind,
        { namespace: ctx.namespace, name: o.metadata.name },
        { timeoutMs: ctx.timeoutMs },
      ).then(
        (r) => ({ name: o.metadata.name, ...r, error: undefined as string | undefined }),
        (error: unknown) => ({
          name: o.metadata.name,
          obj: o,
          state: 'failed' as const,
          error: String((error as Error).message ?? error),
        }),
      ),
    ),
  );
  let failed = 0;
  for (const r of results) {
    if (r.state === 'ready') {
      ctx.say.success(`${kind.kind} ${r.name} reconciliation completed`);
      ctx.say.success(kind.cli.successLine(r.obj));
    } else {
      failed++;
      ctx.say.failure(
        `${kind.kind} ${r.name} reconciliation failed: ${r.error ?? readyOf(r.obj)?.message ?? ''}`,
      );
    }
  }
  return failed;
}

/**
 * Annotates `reconcile.fluxcd.io/requestedAt` (HelmRelease `--force`/`--reset` also set
 * `forceAt`/`resetAt` to the same value) and waits until the request is handled, as
 * `flux reconcile` does; Ready=False afterwards is flux's `<Kind> reconciliation failed: '<msg>'`.
 */
export async function requestReconcile(
  ctx: CommandContext,
  resources: Resources,
  kind: CliKind,
  ref: { namespace: string; name: string },
  options: { force?: boolean; reset?: boolean } = {},
): Promise<void> {
  ctx.say.action(`annotating ${kind.kind} ${ref.name} in ${ref.namespace} namespace`);
  const requestedAt = new Date().toISOString();
  const annotations: Record<string, string> = { [RECONCILE_REQUESTED_ANNOTATION]: requestedAt };
  if (options.force) annotations['reconcile.fluxcd.io/forceAt'] = requestedAt;
  if (options.reset) annotations['reconcile.fluxcd.io/resetAt'] = requestedAt;
  await resources.mergePatch(
    { apiVersion: storageApiVersion(kind), kind: kind.kind, ...ref },
    { metadata: { annotations } },
  );
  ctx.say.success(`${kind.kind} annotated`);
  ctx.say.waiting(`waiting for ${kind.kind} reconciliation`);
  const { obj, state } = await waitForReconcile(resources, kind, ref, {
    requestedAt,
    timeoutMs: ctx.timeoutMs,
  });
  if (state === 'failed')
    throw new CliError(`${kind.kind} reconciliation failed: '${readyOf(obj)?.message ?? ''}'`);
  ctx.say.success(kind.cli.successLine(obj));
}

/** `--with-source`: the chain of sources, deepest first (a HelmRelease's chart source, then its HelmChart). */
async function sourceChain(resources: Resources, obj: FluxObject): Promise<{ kind: CliKind; ref: Ref }[]> {
  const chain: { kind: CliKind; ref: Ref }[] = [];
  let current: FluxObject | undefined = obj;
  while (current && chain.length < 3) {
    const ref = sourceOf(current);
    const kind = ref ? kindDefinition(ref.kind) : undefined;
    if (!ref || !kind) break;
    chain.unshift({ kind, ref });
    current = await getObject(resources, kind, ref.namespace, ref.name);
    if (!current)
      throw new CliError(`${ref.kind} object '${ref.name}' not found in "${ref.namespace}" namespace`);
    if (current.kind !== 'HelmChart') break;
  }
  return chain;
}

async function runReconcile(ctx: CommandContext, kind: CliKind, names: string[]): Promise<number> {
  if (names.length !== 1) throw new UsageError(`${kind.kind} name is required (exactly one)`);
  if (!kind.traits.reconcilable)
    throw new UsageError(`${kind.cli.noun} cannot be reconciled: it has no reconcile loop`);
  const resources = await ctx.cluster();
  const name = names[0] ?? '';
  const obj = await getObject(resources, kind, ctx.namespace, name);
  if (!obj) throw new CliError(`${kind.kind} object '${name}' not found in "${ctx.namespace}" namespace`);
  if (kind.cli.isStatic?.(obj)) {
    ctx.say.success('reconciliation not supported by the object');
    return ExitCode.ok;
  }
  if ((obj.spec as { suspend?: boolean } | undefined)?.suspend) throw new CliError('resource is suspended');
  if (booleanFlag(ctx.flags, 'with-source')) {
    for (const source of await sourceChain(resources, obj)) {
      await requestReconcile(ctx, resources, source.kind, source.ref);
    }
  }
  await requestReconcile(
    ctx,
    resources,
    kind,
    { namespace: ctx.namespace, name },
    {
      force: booleanFlag(ctx.flags, 'force'),
      reset: booleanFlag(ctx.flags, 'reset'),
    },
  );
  return ExitCode.ok;
}

async function runSuspendOrResume(
  ctx: CommandContext,
  kind: CliKind,
  names: string[],
  suspend: boolean,
): Promise<number> {
  const all = booleanFlag(ctx.flags, 'all');
  if (names.length === 0 && !all) throw new UsageError(`${kind.cli.noun} name is required (or --all)`);
  if (!kind.traits.suspend)
    throw new UsageError(`${kind.cli.noun} cannot be ${suspend ? 'suspended' : 'resumed'}`);
  const resources = await ctx.cluster();
  const { found, missing } = await targets(ctx, resources, kind, names);
  await setSuspend(ctx, resources, kind, found, suspend);
  // Flux prints the missing ones and still exits 0; Tideline exits 1 so scripts notice.
  for (const name of missing) ctx.say.failure(`${kind.kind} ${name} not found in ${ctx.namespace} namespace`);
  if (found.length === 0) await requireNamespace(resources, ctx.namespace);
  let failed = 0;
  const explicitWait = ctx.flags['wait'];
  const wait = !suspend && (explicitWait === true || (explicitWait === undefined && names.length === 1));
  if (wait) failed = await waitResumed(ctx, resources, kind, found);
  if (failed > 0) throw new CliError(`reconciliation failed for ${failed} ${kind.kind}(s)`);
  return missing.length > 0 ? ExitCode.failed : ExitCode.ok;
}

const ACTIONS = {
  suspend: 'Suspend the reconciliation of objects (spec.suspend: true), as `flux suspend` does',
  resume: 'Resume suspended objects and wait for their reconciliation, as `flux resume` does',
  reconcile: 'Ask for a reconciliation now and wait for its outcome, as `flux reconcile` does',
} as const;

/** The flags of each action. */
function actionFlags(action: keyof typeof ACTIONS): FlagSpec[] {
  if (action === 'reconcile')
    return [
      {
        name: 'with-source',
        type: 'boolean',
        description: 'reconcile the source (and a HelmRelease chart) first',
      },
      { name: 'force', type: 'boolean', description: 'HelmRelease: force a one-off install or upgrade' },
      { name: 'reset', type: 'boolean', description: 'HelmRelease: reset the failure counters' },
    ];
  const all = {
    name: 'all',
    type: 'boolean' as const,
    description: `${action} every object of the kind in the namespace`,
  };
  return action === 'resume'
    ? [
        all,
        {
          name: 'wait',
          type: 'boolean',
          description: 'wait for the objects to reconcile (default with one NAME)',
        },
      ]
    : [all];
}

/** `tideline suspend|resume|reconcile <kind> NAME…`. */
function actionCommand(action: keyof typeof ACTIONS): CliCommand {
  return {
    path: [action],
    args: action === 'reconcile' ? '<kind> NAME' : '<kind> [NAME…]',
    summary: ACTIONS[action],
    description: `Kinds: ${kindWordChoices(false).join(', ')} (and ks, hr).`,
    cluster: true,
    complete: 'kinds',
    flags: actionFlags(action),
    examples:
      action === 'reconcile'
        ? ['tideline reconcile ks apps --with-source', 'tideline reconcile hr podinfo -n apps --force']
        : [`tideline ${action} kustomization apps`, `tideline ${action} source git --all`],
    run: async (ctx) => {
      const { kind, rest } = requireKindWords(ctx.positionals);
      if (action === 'reconcile') return runReconcile(ctx, kind, rest);
      return runSuspendOrResume(ctx, kind, rest, action === 'suspend');
    },
  };
}

/** The suspend, resume and reconcile commands. */
export const ACTION_COMMANDS: readonly CliCommand[] = [
  actionCommand('suspend'),
  actionCommand('resume'),
  actionCommand('reconcile'),
];
