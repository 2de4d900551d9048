import { isNotFound, kindDefinition, type KubeObject, type Resources } from '@tideline/core';
import { CliError, ExitCode, UsageError } from './cli-error.js';
import { booleanFlag, listFlag, type CommandContext, type FlagSpec } from './command.js';
import { exportYaml } from './export-yaml.js';
import type { FluxObject } from './get-rows.js';
import { readyOf, waitForReconcile } from './reconcile-wait.js';

/** The flags every `create` command takes (flux's persistent create flags). */
export const CREATE_FLAGS: readonly FlagSpec[] = [
  { name: 'interval', type: 'string', value: 'DURATION', default: '1m0s', description: 'the sync interval' },
  {
    name: 'export',
    type: 'boolean',
    description: 'print the object as YAML on stdout instead of applying it',
  },
  {
    name: 'label',
    type: 'string',
    multiple: true,
    value: 'KEY=VALUE',
    description: 'set labels on the object',
  },
];

/** What a `create` command applies: its Secrets first (never exported), then the Flux object. */
export interface CreatePlan {
  /** The Flux object. */
  object: KubeObject & { spec: Record<string, unknown> };
  /** Secrets generated from credentials flags, applied before the object. */
  secrets?: (KubeObject & Record<string, unknown>)[];
  /** How flux names it in its lines (`GitRepository source`, `Kustomization`). */
  label: string;
  /** Print `✚ generating …` (flux's `create source oci` does not). */
  generateLine?: boolean;
  /** The lines after it is Ready (`Kustomization apps is ready`, `fetched revision: …`). */
  readyLines(obj: FluxObject): string[];
  /** What `✔ … created|updated` names (default: the label; flux's HelmRepository says `source`). */
  createdLabel?: string;
  /** Wait for the object to be Ready (default: when its kind has a reconcile loop). */
  wait?: boolean;
}

// RFC 1123 label: 1–63 characters. flux's own regex (`{0,61}` between two required ends)
// refuses the one-character names the RFC and the API server accept; we follow the RFC.
const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** The check of a new object's name (RFC 1123 label), in flux's words. Pure. */
export function validateName(name: string | undefined): string {
  if (!name) throw new UsageError('name is required');
  if (!NAME.test(name))
    throw new UsageError(
      `name '${name}' is invalid, it should adhere to standard defined in RFC 1123, the name can only contain alphanumeric characters or '-'`,
    );
  return name;
}

const LABEL_KEY =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** `--label k=v` as flux parses it. Pure. */
export function parseLabels(labels: readonly string[]): Record<string, string> | undefined {
  if (labels.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const label of labels) {
    const parts = label.split('=');
    if (parts.length !== 2) throw new UsageError(`invalid label format '${label}', must be key=value`);
    const [key = '', value = ''] = parts;
    if (!LABEL_KEY.test(key) || key.length > 316)
      throw new UsageError(`invalid label '${key}': not a qualified name`);
    if (!LABEL_VALUE.test(value) || value.length > 63) throw new UsageError(`invalid label value '${value}'`);
    out[key] = value;
  }
  return out;
}

/** The labels of `--label`, for a builder. */
export function labelsFlag(ctx: CommandContext): Record<string, string> | undefined {
  return parseLabels(listFlag(ctx.flags, 'label'));
}

const refOf = (obj: KubeObject) => ({
  apiVersion: obj.apiVersion,
  kind: obj.kind,
  namespace: obj.metadata.namespace,
  name: obj.metadata.name,
});

/** Client-side apply field manager, as `flux create` (controllerutil.CreateOrUpdate) leaves it. */
const FIELD_MANAGER = 'tideline-cli';

/**
 * Applies every object after a server-side dry-run of all of them passed, so a rejected
 * object (a schema error, a missing CRD, RBAC) leaves nothing half-applied. Should a write fail
 * after another succeeded, the objects this command created are deleted again.
 */
async function applyAll(resources: Resources, objects: readonly KubeObject[]): Promise<boolean[]> {
  const existed = await Promise.all(
    objects.map((o) => resources.get(refOf(o)).then((found) => found !== undefined)),
  );
  for (const obj of objects) {
    await resources
      .apply(obj, { fieldManager: FIELD_MANAGER, force: true, dryRun: true })
      .catch((error: unknown) => {
        throw new CliError(
          `${obj.kind} '${obj.metadata.name}' rejected by the cluster: ${(error as Error).message}`,
        );
      });
  }
  const created: KubeObject[] = [];
  try {
    for (const [i, obj] of objects.entries()) {
      await resources.apply(obj, { fieldManager: FIELD_MANAGER, force: true });
      if (!existed[i]) created.push(obj);
    }
  } catch (error) {
    for (const obj of created.reverse()) await resources.delete(refOf(obj)).catch(() => undefined);
    throw error;
  }
  return existed;
}

/**
 * Runs a create as flux does: `--export` prints the object and touches nothing; otherwise
 * `✚ generating`, the Secrets (`► applying secret …`), `► applying <label>`, `✔ created|updated`,
 * then (unless the kind has no reconcile loop) `◎ waiting` until it is Ready.
 */
export async function runCreate(ctx: CommandContext, plan: CreatePlan): Promise<number> {
  if (booleanFlag(ctx.flags, 'export')) {
    ctx.out(exportYaml(plan.object));
    return ExitCode.ok;
  }
  const kind = kindDefinition(plan.object.kind);
  const resources = await ctx.cluster();
  await ensureNamespace(resources, plan.object.metadata.namespace ?? ctx.namespace);
  if (plan.generateLine !== false) ctx.say.generate(`generating ${plan.label}`);
  if (plan.secrets?.length) ctx.say.action('applying secret with repository credentials');
  const existed = await applyAll(resources, [...(plan.secrets ?? []), plan.object]);
  if (plan.secrets?.length) ctx.say.success('authentication configured');
  ctx.say.action(`applying ${plan.label}`);
  ctx.say.success(`${plan.createdLabel ?? plan.label} ${existed.at(-1) ? 'updated' : 'created'}`);
  if (!kind || plan.wait === false) return ExitCode.ok;
  ctx.say.waiting(`waiting for ${plan.label} reconciliation`);
  if (!kind.traits.reconcilable) {
    // Alert and Provider have no status: flux counts them ready once applied.
    for (const line of plan.readyLines(plan.object)) ctx.say.success(line);
    return ExitCode.ok;
  }
  const ref = { namespace: plan.object.metadata.namespace ?? ctx.namespace, name: plan.object.metadata.name };
  const { obj, state } = await waitForReconcile(resources, kind, ref, { timeoutMs: ctx.timeoutMs });
  if (state === 'failed')
    throw new CliError(`${plan.object.kind} reconciliation failed: '${readyOf(obj)?.message ?? ''}'`);
  for (const line of plan.readyLines(obj)) ctx.say.success(line);
  return ExitCode.ok;
}

/** A namespace that does not exist is one clear line (the API server's answer names no object). */
async function ensureNamespace(resources: Resources, namespace: string): Promise<void> {
  try {
    const found = await resources.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace });
    if (!found) throw new CliError(`namespace "${namespace}" not found`);
  } catch (error) {
    if (isNotFound(error)) throw new CliError(`namespace "${namespace}" not found`);
    throw error;
  }
}
