import { Informer, storageApiVersion, type Resources } from '@tideline/core';
import { CliError, ExitCode, UsageError } from './cli-error.js';
import { booleanFlag, stringFlag, type CliCommand, type CommandContext } from './command.js';
import { ALL_KINDS, kindWordChoices, requireKindWords, type CliKind } from './flux-kinds.js';
import { formatFluxTable } from './flux-table.js';
import {
  headersFor,
  parseStatusSelector,
  rowsFor,
  type FluxObject,
  type StatusSelector,
} from './get-rows.js';
import { listKind, namespaceOrAny, requireNamespace } from './kind-access.js';

/** The kinds `get all`, `get sources all` and `get images all` print, in `flux get all` order. Pure. */
export function kindsOfAll(words: readonly string[]): CliKind[] | undefined {
  if (words[0] === 'all') return [...ALL_KINDS];
  if (words[1] !== 'all') return undefined;
  if (words[0] === 'sources' || words[0] === 'source')
    return ALL_KINDS.filter((k) => k.cli.listNoun.startsWith('sources '));
  if (words[0] === 'images' || words[0] === 'image')
    return ALL_KINDS.filter((k) => k.cli.listNoun.startsWith('images '));
  return undefined;
}

interface GetOptions {
  namespace: string | undefined;
  labelSelector?: string;
  selector?: StatusSelector;
  noHeader: boolean;
}

/** One kind's table (or flux's error when there is nothing to print and this is not `get all`). */
async function printKind(
  ctx: CommandContext,
  resources: Resources,
  kind: CliKind,
  name: string | undefined,
  options: GetOptions & { all: boolean },
): Promise<boolean> {
  const list = await listKind(resources, kind, {
    namespace: options.namespace,
    labelSelector: options.labelSelector,
    fieldSelector: name ? `metadata.name=${name}` : undefined,
    missingCrdIsEmpty: options.all,
  });
  if (list.length === 0) {
    if (options.all) return false;
    if (options.namespace) await requireNamespace(resources, options.namespace);
    const where = namespaceOrAny(options.namespace);
    throw new CliError(
      name
        ? `${kind.kind} object '${name}' not found in ${where} namespace`
        : `no ${kind.kind} objects found in ${where} namespace`,
    );
  }
  const allNamespaces = options.namespace === undefined;
  const rows = rowsFor(kind, list, { allNamespaces, prefixKind: options.all, selector: options.selector });
  if (options.all && rows.length === 0) return false;
  ctx.out(formatFluxTable(options.noHeader ? [] : headersFor(kind, allNamespaces), rows));
  if (options.all) ctx.out('\n');
  return true;
}

/** `get --watch`: the table's header and rows, then one row per change until interrupted. */
async function watchKind(
  ctx: CommandContext,
  resources: Resources,
  kind: CliKind,
  name: string | undefined,
  options: GetOptions,
): Promise<number> {
  const allNamespaces = options.namespace === undefined;
  let headerDue = !options.noHeader;
  const print = (obj: FluxObject): void => {
    const rows = rowsFor(kind, [obj], { allNamespaces, prefixKind: false, selector: options.selector });
    if (rows.length === 0) return;
    ctx.out(formatFluxTable(headerDue ? headersFor(kind, allNamespaces) : [], rows));
    headerDue = false;
  };
  const informer = new Informer<FluxObject>(resources.client, resources.mapper, {
    apiVersion: storageApiVersion(kind),
    kind: kind.kind,
    namespace: options.namespace,
    labelSelector: options.labelSelector,
    fieldSelector: name ? `metadata.name=${name}` : undefined,
    onError: (error) => ctx.say.warning(`watch interrupted, resuming: ${String(error)}`),
  });
  informer.addHandlers({ onAdd: print, onUpdate: print });
  informer.start();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  informer.stop();
  return ExitCode.ok;
}

async function runGet(ctx: CommandContext): Promise<number> {
  const words = ctx.positionals;
  const allKinds = kindsOfAll(words);
  const parsed = allKinds ? undefined : requireKindWords(words, true);
  const name = parsed?.rest[0];
  if (parsed && parsed.rest.length > 1)
    throw new UsageError(`expected at most one NAME, got: ${parsed.rest.join(' ')}`);
  const watch = booleanFlag(ctx.flags, 'watch');
  if (allKinds && watch)
    throw new UsageError(`expected a single resource type, but found ${words.join(' ')}`);
  const options: GetOptions = {
    namespace: booleanFlag(ctx.flags, 'all-namespaces') ? undefined : ctx.namespace,
    labelSelector: stringFlag(ctx.flags, 'label-selector'),
    selector: parseStatusSelector(stringFlag(ctx.flags, 'status-selector')),
    noHeader: booleanFlag(ctx.flags, 'no-header'),
  };
  const resources = await ctx.cluster();
  if (parsed && watch) return watchKind(ctx, resources, parsed.kind, name, options);
  for (const kind of allKinds ?? (parsed ? [parsed.kind] : [])) {
    await printKind(ctx, resources, kind, name, { ...options, all: allKinds !== undefined });
  }
  return ExitCode.ok;
}

/** `tideline get`: Flux objects as `flux get` prints them. */
export const getCommand: CliCommand = {
  path: ['get'],
  args: '<kind> [NAME]',
  summary: 'Print Flux objects and their status, as `flux get` does',
  description: `Kinds: all, sources all, images all, ${kindWordChoices(true).join(', ')}
(singular and short forms too: kustomization, ks, source git, hr, …).`,
  cluster: true,
  complete: 'kinds',
  flags: [
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'boolean',
      description: 'list the objects across all namespaces',
    },
    {
      name: 'label-selector',
      short: 'l',
      type: 'string',
      value: 'SELECTOR',
      description: 'filter objects by label selector',
    },
    {
      name: 'status-selector',
      type: 'string',
      value: 'TYPE=STATUS',
      description: 'filter by a condition, e.g. ready=false or ready!=true',
    },
    { name: 'no-header', type: 'boolean', description: 'skip the header when printing the results' },
    {
      name: 'watch',
      short: 'w',
      type: 'boolean',
      description: 'after listing, print changes as they happen',
    },
  ],
  examples: [
    'tideline get all -A',
    'tideline get sources git',
    'tideline get kustomizations --status-selector ready=false',
    'tideline get hr podinfo -n apps --watch',
  ],
  run: runGet,
};
