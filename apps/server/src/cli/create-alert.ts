import { NOTIFICATION_BETA_API_VERSION, type KubeObject } from '@tideline/core';
import { UsageError } from './cli-error.js';
import { listFlag, stringFlag, type CliCommand, type CommandContext, type FlagSpec } from './command.js';
import { CREATE_FLAGS, labelsFlag, runCreate, validateName } from './create-flow.js';

type NotificationObject = KubeObject & { spec: Record<string, unknown> };

/** `Kind/name[.namespace]` as flux's ParseObjectKindNameNamespace reads it. Pure. */
export function parseEventSource(text: string): { kind: string; name: string; namespace?: string } {
  const parts = text.split('/');
  const [kind, rest] = parts.length === 2 ? [parts[0] ?? '', parts[1] ?? ''] : ['', text];
  const dots = rest.split('.');
  if (dots.length < 2) return { kind, name: rest };
  return { kind, name: dots.slice(0, -1).join('.'), namespace: dots.at(-1) ?? '' };
}

/** The Alert `flux create alert` generates (notification v1beta3); throws flux's messages. Pure. */
export function alertFromFlags(
  name: string,
  namespace: string,
  flags: {
    providerRef?: string;
    eventSeverity?: string;
    eventSources: string[];
    labels?: Record<string, string>;
  },
): NotificationObject {
  if (!flags.providerRef) throw new UsageError('provider ref is required');
  const eventSources = flags.eventSources.map((text) => {
    const source = parseEventSource(text);
    if (!source.kind) throw new UsageError(`invalid event source '${text}', must be in format <kind>/<name>`);
    return source.namespace ? source : { kind: source.kind, name: source.name };
  });
  if (eventSources.length === 0) throw new UsageError('at least one event source is required');
  const spec: Record<string, unknown> = { providerRef: { name: flags.providerRef }, eventSources };
  if (flags.eventSeverity) spec.eventSeverity = flags.eventSeverity;
  return {
    apiVersion: NOTIFICATION_BETA_API_VERSION,
    kind: 'Alert',
    metadata: { name, namespace, ...(flags.labels ? { labels: flags.labels } : {}) },
    spec,
  };
}

/** The flags of `create alert-provider`. */
export interface ProviderFlags {
  type?: string;
  channel?: string;
  username?: string;
  address?: string;
  secretRef?: string;
  labels?: Record<string, string>;
}

/** The Provider `flux create alert-provider` generates (notification v1beta3). Pure. */
export function providerFromFlags(name: string, namespace: string, flags: ProviderFlags): NotificationObject {
  if (!flags.type) throw new UsageError('Provider type is required');
  const spec: Record<string, unknown> = { type: flags.type };
  if (flags.channel) spec.channel = flags.channel;
  if (flags.username) spec.username = flags.username;
  if (flags.address) spec.address = flags.address;
  if (flags.secretRef) spec.secretRef = { name: flags.secretRef };
  return {
    apiVersion: NOTIFICATION_BETA_API_VERSION,
    kind: 'Provider',
    metadata: { name, namespace, ...(flags.labels ? { labels: flags.labels } : {}) },
    spec,
  };
}

const str = (name: string, value: string, description: string): FlagSpec => ({
  name,
  type: 'string',
  value,
  description,
});

// Alert and Provider have no interval: flux's persistent --interval is accepted and unused.
const NOTIFY_CREATE_FLAGS = CREATE_FLAGS.filter((f) => f.name !== 'interval');

/** Applies a static notification object: flux counts it ready once applied (`<Kind> <name> is ready`). */
function applyStatic(ctx: CommandContext, object: NotificationObject): Promise<number> {
  return runCreate(ctx, {
    object,
    label: object.kind,
    readyLines: () => [`${object.kind} ${object.metadata.name} is ready`],
  });
}

/** `tideline create alert NAME --provider-ref P --event-source Kind/name [--event-severity S]`. */
export const createAlertCommand: CliCommand = {
  path: ['create', 'alert'],
  args: 'NAME',
  summary: 'Create or update an Alert resource, as `flux create alert` does',
  cluster: true,
  flags: [
    str('provider-ref', 'NAME', 'reference to provider'),
    {
      ...str('event-severity', 'SEVERITY', 'severity of events to send alerts for'),
      choices: ['info', 'error'],
    },
    {
      ...str(
        'event-source',
        'KIND/NAME',
        'sources that should generate alerts (<kind>/<name>), also accepts comma-separated values',
      ),
      multiple: true,
    },
    ...NOTIFY_CREATE_FLAGS,
  ],
  examples: [
    'tideline create alert flux-system --event-severity info --event-source Kustomization/flux-system --provider-ref slack',
  ],
  run: (ctx) =>
    applyStatic(
      ctx,
      alertFromFlags(validateName(ctx.positionals[0]), ctx.namespace, {
        providerRef: stringFlag(ctx.flags, 'provider-ref'),
        eventSeverity: stringFlag(ctx.flags, 'event-severity'),
        eventSources: listFlag(ctx.flags, 'event-source'),
        labels: labelsFlag(ctx),
      }),
    ),
};

/** `tideline create alert-provider NAME --type T [--channel C --username U --address A --secret-ref S]`. */
export const createAlertProviderCommand: CliCommand = {
  path: ['create', 'alert-provider'],
  args: 'NAME',
  summary: 'Create or update a Provider resource, as `flux create alert-provider` does',
  cluster: true,
  flags: [
    str('type', 'TYPE', 'type of provider'),
    str('channel', 'CHANNEL', 'channel to send messages to in the case of a chat provider'),
    str('username', 'NAME', 'bot username used by the provider'),
    str('address', 'URL', 'path to either the git repository, chat provider or webhook'),
    str('secret-ref', 'NAME', 'name of secret containing authentication token'),
    ...NOTIFY_CREATE_FLAGS,
  ],
  examples: [
    'tideline create alert-provider slack --type slack --channel general --address https://hooks.slack.com/services/YOUR/SLACK/WEBHOOK --secret-ref webhook-url',
  ],
  run: (ctx) =>
    applyStatic(
      ctx,
      providerFromFlags(validateName(ctx.positionals[0]), ctx.namespace, {
        type: stringFlag(ctx.flags, 'type'),
        channel: stringFlag(ctx.flags, 'channel'),
        username: stringFlag(ctx.flags, 'username'),
        address: stringFlag(ctx.flags, 'address'),
        secretRef: stringFlag(ctx.flags, 'secret-ref'),
        labels: labelsFlag(ctx),
      }),
    ),
};
