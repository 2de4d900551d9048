import { RECEIVER_API_VERSION, type KubeObject } from '@tideline/core';
import { UsageError } from './cli-error.js';
import { listFlag, stringFlag, type CliCommand, type CommandContext } from './command.js';
import { CREATE_FLAGS, labelsFlag, runCreate, validateName } from './create-flow.js';

/** `Kind/name` as flux's ParseObjectKindName reads it (kind empty when there is no slash). Pure. */
export function parseKindName(text: string): { kind: string; name: string } {
  const slash = text.indexOf('/');
  return slash < 0 ? { kind: '', name: text } : { kind: text.slice(0, slash), name: text.slice(slash + 1) };
}

/** The Receiver `flux create receiver` generates from its flags; throws Flux's messages. Pure. */
export function receiverFromFlags(
  name: string,
  namespace: string,
  flags: { type?: string; secretRef?: string; events: string[]; resources: string[] },
): KubeObject & { spec: Record<string, unknown> } {
  if (!flags.type) throw new Error('Receiver type is required');
  if (!flags.secretRef) throw new Error('secret ref is required');
  const resources = flags.resources
    .flatMap((r) => r.split(','))
    .map((r) => {
      const parsed = parseKindName(r);
      if (!parsed.kind) throw new Error(`invalid event source '${r}', must be in format <kind>/<name>`);
      return parsed;
    });
  if (resources.length === 0) throw new Error('atleast one resource is required');
  return {
    apiVersion: RECEIVER_API_VERSION,
    kind: 'Receiver',
    metadata: { name, namespace },
    spec: {
      type: flags.type,
      events: flags.events.flatMap((e) => e.split(',')).filter(Boolean),
      resources,
      secretRef: { name: flags.secretRef },
      suspend: false,
    },
  };
}

/** `tideline create receiver NAME --type T --secret-ref S --resource Kind/name [--event E]`. */
async function runCreateReceiver(ctx: CommandContext): Promise<number> {
  const name = validateName(ctx.positionals[0]);
  let receiver: ReturnType<typeof receiverFromFlags>;
  try {
    receiver = receiverFromFlags(name, ctx.namespace, {
      type: stringFlag(ctx.flags, 'type'),
      secretRef: stringFlag(ctx.flags, 'secret-ref'),
      events: listFlag(ctx.flags, 'event'),
      resources: listFlag(ctx.flags, 'resource'),
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const labels = labelsFlag(ctx);
  if (labels) receiver.metadata.labels = labels;
  return runCreate(ctx, {
    object: receiver,
    label: 'Receiver',
    readyLines: (obj) => {
      const path = (obj.status as { webhookPath?: string } | undefined)?.webhookPath;
      return [`Receiver ${name} is ready`, ...(path ? [`generated webhook URL ${path}`] : [])];
    },
  });
}

/** `tideline create receiver`, printing what `flux create receiver` prints, ending with the webhook path. */
export const createReceiverCommand: CliCommand = {
  path: ['create', 'receiver'],
  args: 'NAME',
  summary:
    'Create or update a Receiver (a webhook that triggers reconciliations), as `flux create receiver` does',
  cluster: true,
  flags: [
    {
      name: 'type',
      type: 'string',
      value: 'TYPE',
      description: 'the receiver type (github, gitlab, generic, …)',
    },
    {
      name: 'secret-ref',
      type: 'string',
      value: 'NAME',
      description: 'the Secret holding the webhook token',
    },
    { name: 'event', type: 'string', multiple: true, value: 'EVENT', description: 'an event to accept' },
    {
      name: 'resource',
      type: 'string',
      multiple: true,
      value: 'KIND/NAME',
      description: 'an object to reconcile on a hit',
    },
    ...CREATE_FLAGS.filter((f) => f.name !== 'interval'),
  ],
  examples: [
    'tideline create receiver github-receiver --type github --event ping,push --secret-ref webhook-token --resource GitRepository/webapp',
  ],
  run: runCreateReceiver,
};
