import { parseArgs } from 'node:util';
import {
  kindDefinition,
  RECONCILE_REQUESTED_ANNOTATION,
  storageApiVersion,
  type KubeObject,
  type Resources,
} from '@tideline/core';
import { connect } from './cluster-connection.js';
import { actionUsage, parseKindWords, type CliKind } from './flux-kinds.js';

type FluxObject = KubeObject & {
  spec?: { suspend?: boolean };
  status?: {
    lastHandledReconcileAt?: string;
    observedGeneration?: number;
    conditions?: { type: string; status: string; message: string; observedGeneration?: number }[];
    artifact?: { revision?: string };
    lastAppliedRevision?: string;
  };
};

const say = (line: string): void => void process.stderr.write(`${line}\n`);

/**
 * Whether a reconcile has finished, as `flux reconcile` decides: the request was handled,
 * the Ready condition is for the current generation, and nothing is still in progress. Pure.
 */
export function reconcileDone(obj: FluxObject, requestedAt?: string): 'pending' | 'ready' | 'failed' {
  const status = obj.status ?? {};
  if (requestedAt !== undefined && status.lastHandledReconcileAt !== requestedAt) return 'pending';
  const ready = status.conditions?.find((c) => c.type === 'Ready');
  const reconciling = status.conditions?.some(
    (c) => c.type === 'Reconciling' && c.status === 'True' && ready?.status !== 'False',
  );
  if (!ready || ready.status === 'Unknown' || reconciling) return 'pending';
  if (
    (ready.observedGeneration ?? status.observedGeneration) !== obj.metadata.generation &&
    ready.status === 'True'
  )
    return 'pending';
  return ready.status === 'True' ? 'ready' : 'failed';
}

async function waitForReconcile(
  resources: Resources,
  kind: CliKind,
  ref: { namespace: string; name: string },
  requestedAt: string | undefined,
  timeoutMs: number,
): Promise<number> {
  say(`◎ waiting for ${kind.kind} reconciliation`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const obj = await resources.get<FluxObject>({
      apiVersion: storageApiVersion(kind),
      kind: kind.kind,
      ...ref,
    });
    if (!obj) throw new Error(`${kind.kind} object '${ref.name}' not found in "${ref.namespace}" namespace`);
    const state = reconcileDone(obj, requestedAt);
    if (state === 'ready') {
      say(`✔ ${kind.kind} ${ref.name} reconciliation completed`);
      say(`✔ ${kind.cli.successLine(obj)}`);
      return 0;
    }
    if (state === 'failed') {
      const message = obj.status?.conditions?.find((c) => c.type === 'Ready')?.message ?? '';
      say(`✗ ${kind.kind} reconciliation failed: '${message}'`);
      return 1;
    }
    if (Date.now() > deadline) {
      say(`✗ timeout waiting for ${kind.kind} ${ref.name}`);
      return 1;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** `tideline suspend|resume|reconcile <kind words> NAME [-n NS] [--timeout 5m]`, as `flux` does them. */
export async function runActionCommand(
  action: 'suspend' | 'resume' | 'reconcile',
  argv: readonly string[],
): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      namespace: { type: 'string', short: 'n', default: 'flux-system' },
      kubeconfig: { type: 'string' },
      timeout: { type: 'string', default: '300' },
      'with-source': { type: 'boolean', default: false },
      force: { type: 'boolean', default: false },
      reset: { type: 'boolean', default: false },
    },
  });
  const parsed = parseKindWords(positionals);
  const name = parsed?.rest[0];
  if (!parsed || !name) {
    say(`✗ usage: ${actionUsage(action)}`);
    return 1;
  }
  const { kind } = parsed;
  if (action !== 'reconcile' && !kind.traits.suspend) {
    say(`✗ ${kind.cli.noun} cannot be ${action === 'suspend' ? 'suspended' : 'resumed'}`);
    return 1;
  }
  if (action === 'reconcile' && !kind.traits.reconcilable) {
    say(`✗ ${kind.cli.noun} cannot be reconciled: it has no reconcile loop`);
    return 1;
  }
  const ref = { namespace: values.namespace, name };
  const resources = await connect(values.kubeconfig);
  const api = { apiVersion: storageApiVersion(kind), kind: kind.kind, ...ref };
  const obj = await resources.get<FluxObject>(api);
  if (!obj) {
    say(`✗ ${kind.kind} ${name} not found in ${ref.namespace} namespace`);
    return 1;
  }
  const timeoutMs = Number.parseInt(values.timeout, 10) * 1000;
  const noun = kind.cli.humanKind ?? kind.cli.noun;
  if (action === 'suspend') {
    say(`► suspending ${noun} ${name} in ${ref.namespace} namespace`);
    await resources.mergePatch(api, { spec: { suspend: true } });
    say(`✔ ${noun} suspended`);
    return 0;
  }
  if (action === 'resume') {
    say(`► resuming ${noun} ${name} in ${ref.namespace} namespace`);
    await resources.mergePatch(api, { spec: { suspend: false } });
    say(`✔ ${noun} resumed`);
    if (!kind.traits.reconcilable || kind.cli.isStatic?.(obj)) {
      say('✔ reconciliation not supported by the object');
      return 0;
    }
    return waitForReconcile(resources, kind, ref, undefined, timeoutMs);
  }
  if (kind.cli.isStatic?.(obj)) {
    say('✔ reconciliation not supported by the object');
    return 0;
  }
  if (obj.spec?.suspend) {
    say('✗ resource is suspended');
    return 1;
  }
  if (values['with-source']) {
    const source = sourceOf(obj);
    const sourceKind = source ? kindDefinition(source.kind) : undefined;
    if (source && sourceKind) {
      const code = await requestReconcile(resources, sourceKind, source, {}, timeoutMs);
      if (code !== 0) return code;
    }
  }
  return requestReconcile(resources, kind, ref, { force: values.force, reset: values.reset }, timeoutMs);
}

/** The source `--with-source` reconciles first: a Kustomization's sourceRef, a HelmRelease's chart source. Pure. */
export function sourceOf(obj: FluxObject): { kind: string; namespace: string; name: string } | undefined {
  const spec = (obj.spec ?? {}) as {
    sourceRef?: { kind: string; name: string; namespace?: string };
    chart?: { spec?: { sourceRef?: { kind: string; name: string; namespace?: string } } };
    chartRef?: { kind: string; name: string; namespace?: string };
  };
  const ref = spec.sourceRef ?? spec.chart?.spec?.sourceRef ?? spec.chartRef;
  return ref
    ? { kind: ref.kind, name: ref.name, namespace: ref.namespace ?? obj.metadata.namespace ?? 'flux-system' }
    : undefined;
}

/**
 * Annotates `requestedAt` (HelmRelease `--force`/`--reset` also set `forceAt`/`resetAt` to the
 * same value, as `flux reconcile hr` does) and waits as `flux reconcile` waits.
 */
async function requestReconcile(
  resources: Resources,
  kind: CliKind,
  ref: { namespace: string; name: string },
  options: { force?: boolean; reset?: boolean },
  timeoutMs: number,
): Promise<number> {
  say(`► annotating ${kind.kind} ${ref.name} in ${ref.namespace} namespace`);
  const requestedAt = new Date().toISOString();
  const annotations: Record<string, string> = { [RECONCILE_REQUESTED_ANNOTATION]: requestedAt };
  if (options.force) annotations['reconcile.fluxcd.io/forceAt'] = requestedAt;
  if (options.reset) annotations['reconcile.fluxcd.io/resetAt'] = requestedAt;
  await resources.mergePatch(
    { apiVersion: storageApiVersion(kind), kind: kind.kind, ...ref },
    { metadata: { annotations } },
  );
  say(`✔ ${kind.kind} annotated`);
  return waitForReconcile(resources, kind, ref, requestedAt, timeoutMs);
}
