import { Informer, type Resources } from '@tideline/core';
import { CliError, ExitCode, UsageError } from './cli-error.js';
import { booleanFlag, listFlag, stringFlag, type CliCommand, type CommandContext } from './command.js';
import {
  eventHeaders,
  eventRows,
  referencedScopes,
  scopeFieldSelector,
  validateEventTypes,
  type EventScope,
  type KubeEvent,
} from './event-rows.js';
import { kindByName } from './flux-kinds.js';
import { formatFluxTable } from './flux-table.js';
import { getObject, requireNamespace } from './kind-access.js';

/** `--for Kind[/name]` as flux's `getKindNameFromSelector`: without a slash it is a kind. Pure. */
export function parseForSelector(text: string): { kind: string; name?: string } {
  const slash = text.indexOf('/');
  const [kind, name] = slash < 0 ? [text, undefined] : [text.slice(0, slash), text.slice(slash + 1)];
  if (!kind) throw new UsageError('--for selector must be of format <kind>[/<name>]');
  return { kind, name: name || undefined };
}

/** The scopes to list: the namespace (or `--for`'s kind/object) and, for a named object, its sources. */
async function scopesFor(
  ctx: CommandContext,
  resources: Resources,
  namespace: string | undefined,
): Promise<{ scopes: (EventScope | { namespace: string | undefined })[]; otherNamespace: boolean }> {
  const selector = stringFlag(ctx.flags, 'for');
  if (!selector) return { scopes: [{ namespace }], otherNamespace: false };
  const { kind: kindText, name } = parseForSelector(selector);
  const kind = kindByName(kindText);
  if (!kind) throw new UsageError(`'${kindText}' is not a recognized Flux kind`);
  const own: EventScope = { namespace, kind: kind.kind, name };
  if (!name) return { scopes: [own], otherNamespace: false };
  const obj = await getObject(resources, kind, ctx.namespace, name);
  if (!obj) throw new CliError(`${kind.kind} object '${name}' not found in "${ctx.namespace}" namespace`);
  const refs = referencedScopes(obj, ctx.namespace);
  return { scopes: [own, ...refs], otherNamespace: refs.some((r) => r.namespace !== namespace) };
}

/** Lists one scope's events (a scope without a kind is every event of the namespace). */
async function listScope(
  resources: Resources,
  scope: EventScope | { namespace: string | undefined },
): Promise<KubeEvent[]> {
  const fieldSelector = 'kind' in scope ? scopeFieldSelector(scope) : undefined;
  const list = await resources.list<KubeEvent>('v1', 'Event', { namespace: scope.namespace, fieldSelector });
  return list.items;
}

/** `--watch`: the header with the first row, then one row per new or updated event, until interrupted. */
async function watchEvents(
  ctx: CommandContext,
  resources: Resources,
  scopes: readonly (EventScope | { namespace: string | undefined })[],
  options: { types: string[]; showNamespace: boolean },
): Promise<number> {
  let headerDue = true;
  const print = (e: KubeEvent): void => {
    const rows = eventRows([e], { ...options, now: Date.now() });
    if (rows.length === 0) return;
    ctx.out(formatFluxTable(headerDue ? eventHeaders(options.showNamespace) : [], rows));
    headerDue = false;
  };
  const informers = scopes.map((scope) => {
    const informer = new Informer<KubeEvent>(resources.client, resources.mapper, {
      apiVersion: 'v1',
      kind: 'Event',
      namespace: scope.namespace,
      fieldSelector: 'kind' in scope ? scopeFieldSelector(scope) : undefined,
      onError: (error) => ctx.say.warning(`watch interrupted, resuming: ${String(error)}`),
    });
    informer.addHandlers({ onAdd: print, onUpdate: print });
    informer.start();
    return informer;
  });
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  for (const informer of informers) informer.stop();
  return ExitCode.ok;
}

async function runEvents(ctx: CommandContext): Promise<number> {
  if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument "${ctx.positionals[0]}"`);
  const types = listFlag(ctx.flags, 'types');
  validateEventTypes(types);
  const all = booleanFlag(ctx.flags, 'all-namespaces');
  const namespace = all ? undefined : ctx.namespace;
  const resources = await ctx.cluster();
  const { scopes, otherNamespace } = await scopesFor(ctx, resources, namespace);
  const showNamespace = all || otherNamespace;
  if (booleanFlag(ctx.flags, 'watch')) return watchEvents(ctx, resources, scopes, { types, showNamespace });
  const events = (await Promise.all(scopes.map((s) => listScope(resources, s)))).flat();
  const rows = eventRows(events, { types, showNamespace, now: Date.now() });
  if (rows.length === 0) {
    if (namespace) await requireNamespace(resources, namespace);
    // flux reports an empty answer with a ✗ line and still exits 0: nothing went wrong.
    ctx.say.failure(all ? 'No events found.' : `No events found in ${ctx.namespace} namespace.`);
    return ExitCode.ok;
  }
  ctx.out(formatFluxTable(eventHeaders(showNamespace), rows));
  return ExitCode.ok;
}

/** `tideline events`: the Kubernetes events of Flux objects, as `flux events` prints them. */
export const eventsCommand: CliCommand = {
  path: ['events'],
  args: '',
  summary: 'Display Kubernetes events for Flux resources, as `flux events` does',
  description:
    'With --for Kind/name the events of the object its source references are merged in (a Kustomization\n' +
    'and its GitRepository, a HelmRelease and its chart source and HelmChart, an Alert and its Provider).',
  cluster: true,
  flags: [
    {
      name: 'all-namespaces',
      short: 'A',
      type: 'boolean',
      description: 'events of Flux objects in every namespace',
    },
    { name: 'watch', short: 'w', type: 'boolean', description: 'stream the events as they happen' },
    {
      name: 'for',
      type: 'string',
      value: 'KIND[/NAME]',
      description: 'events of one object, or of one kind',
    },
    {
      name: 'types',
      type: 'string',
      multiple: true,
      value: 'TYPE',
      description: 'only events of these types (Normal, Warning)',
      choices: ['Normal', 'Warning'],
    },
  ],
  examples: [
    'tideline events -A',
    'tideline events --for Kustomization/apps',
    'tideline events --for Alert/on-call --types warning',
  ],
  run: runEvents,
};
