import { parseArgs } from 'node:util';
import { RECEIVER_API_VERSION, type KubeObject } from '@tideline/core';
import { connect } from './cluster-connection.js';

const say = (line: string): void => void process.stderr.write(`${line}\n`);

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

type ReceiverObject = KubeObject & {
  status?: { webhookPath?: string; conditions?: { type: string; status: string; message: string }[] };
};

/**
 * `tideline create receiver NAME --type T --secret-ref S --resource Kind/name [--event E] [-n NS]`,
 * printing what `flux create receiver` prints, ending with the webhook path.
 */
export async function runCreateReceiverCommand(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      namespace: { type: 'string', short: 'n', default: 'flux-system' },
      kubeconfig: { type: 'string' },
      type: { type: 'string' },
      'secret-ref': { type: 'string' },
      event: { type: 'string', multiple: true, default: [] },
      resource: { type: 'string', multiple: true, default: [] },
      timeout: { type: 'string', default: '300' },
    },
  });
  const name = positionals[0];
  if (!name) {
    say(
      '✗ usage: tideline create receiver NAME --type T --secret-ref S --resource Kind/name [--event E] [-n NS]',
    );
    return 1;
  }
  let receiver: ReturnType<typeof receiverFromFlags>;
  try {
    receiver = receiverFromFlags(name, values.namespace, {
      type: values.type,
      secretRef: values['secret-ref'],
      events: values.event,
      resources: values.resource,
    });
  } catch (error) {
    say(`✗ ${(error as Error).message}`);
    return 1;
  }
  say('✚ generating Receiver');
  const resources = await connect(values.kubeconfig);
  const ref = { apiVersion: RECEIVER_API_VERSION, kind: 'Receiver', namespace: values.namespace, name };
  say('► applying Receiver');
  const existed = await resources.get(ref);
  await resources.apply(receiver, { fieldManager: 'flux-client-side-apply', force: true });
  say(existed ? '✔ Receiver updated' : '✔ Receiver created');
  say('◎ waiting for Receiver reconciliation');
  const deadline = Date.now() + Number.parseInt(values.timeout, 10) * 1000;
  for (;;) {
    const obj = await resources.get<ReceiverObject>(ref);
    const ready = obj?.status?.conditions?.find((c) => c.type === 'Ready');
    if (ready?.status === 'True' && obj?.status?.webhookPath) {
      say(`✔ Receiver ${name} is ready`);
      say(`✔ generated webhook URL ${obj.status.webhookPath}`);
      return 0;
    }
    if (Date.now() > deadline) {
      say(`✗ timeout waiting for Receiver ${name}${ready?.message ? `: ${ready.message}` : ''}`);
      return 1;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}
