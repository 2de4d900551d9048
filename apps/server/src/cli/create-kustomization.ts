import { formatDuration, KUSTOMIZE_API_VERSION, type KubeObject } from '@tideline/core';
import { UsageError } from './cli-error.js';
import {
  booleanFlag,
  durationFlag,
  listFlag,
  stringFlag,
  type CliCommand,
  type CommandContext,
} from './command.js';
import { CREATE_FLAGS, labelsFlag, runCreate, validateName } from './create-flow.js';
import { parseSourceRef } from './create-source-parts.js';
import type { FluxObject } from './get-rows.js';

const SOURCE_KINDS = ['GitRepository', 'OCIRepository', 'Bucket'];

/** `--depends-on` entries, `<name>` or `<namespace>/<name>`. Pure. */
function dependsOn(values: readonly string[]): { name: string; namespace?: string }[] {
  return values.map((v) => {
    const [a = '', b] = v.split('/');
    return b === undefined ? { name: a } : { namespace: a, name: b };
  });
}

/** The Kustomization `flux create kustomization` generates. Pure. */
export function kustomizationFromFlags(
  name: string,
  namespace: string,
  flags: {
    source?: string;
    path?: string;
    prune: boolean;
    intervalMs: number;
    targetNamespace?: string;
    dependsOn: string[];
    wait: boolean;
    serviceAccount?: string;
    labels?: Record<string, string>;
  },
): KubeObject & { spec: Record<string, unknown> } {
  const path = flags.path ?? './';
  if (!path.startsWith('./')) throw new UsageError('path must begin with ./');
  const spec: Record<string, unknown> = {
    interval: formatDuration(flags.intervalMs),
    path,
    prune: flags.prune,
    sourceRef: parseSourceRef(flags.source, SOURCE_KINDS),
  };
  if (flags.dependsOn.length > 0) spec.dependsOn = dependsOn(flags.dependsOn);
  if (flags.targetNamespace) spec.targetNamespace = flags.targetNamespace;
  if (flags.wait) spec.wait = true;
  if (flags.serviceAccount) spec.serviceAccountName = flags.serviceAccount;
  return {
    apiVersion: KUSTOMIZE_API_VERSION,
    kind: 'Kustomization',
    metadata: { name, namespace, ...(flags.labels ? { labels: flags.labels } : {}) },
    spec,
  };
}

async function runCreateKustomization(ctx: CommandContext): Promise<number> {
  const name = validateName(ctx.positionals[0]);
  const object = kustomizationFromFlags(name, ctx.namespace, {
    source: stringFlag(ctx.flags, 'source'),
    path: stringFlag(ctx.flags, 'path'),
    prune: booleanFlag(ctx.flags, 'prune'),
    intervalMs: durationFlag(ctx.flags, 'interval', '1m'),
    targetNamespace: stringFlag(ctx.flags, 'target-namespace'),
    dependsOn: listFlag(ctx.flags, 'depends-on'),
    wait: booleanFlag(ctx.flags, 'wait'),
    serviceAccount: stringFlag(ctx.flags, 'service-account'),
    labels: labelsFlag(ctx),
  });
  return runCreate(ctx, {
    object,
    label: 'Kustomization',
    readyLines: (obj: FluxObject) => [
      `Kustomization ${name} is ready`,
      `applied revision ${String((obj.status as { lastAppliedRevision?: string } | undefined)?.lastAppliedRevision ?? '')}`,
    ],
  });
}

/** `tideline create kustomization`. */
export const createKustomizationCommand: CliCommand = {
  path: ['create', 'kustomization'],
  args: 'NAME',
  summary: 'Create or update a Kustomization resource, as `flux create kustomization` does',
  cluster: true,
  flags: [
    {
      name: 'source',
      type: 'string',
      value: 'SOURCE',
      description:
        "source that contains the manifests, '[<kind>/]<name>[.<namespace>]' (kind: GitRepository, OCIRepository, Bucket)",
    },
    {
      name: 'path',
      type: 'string',
      value: 'PATH',
      default: './',
      description: 'path to the directory containing a kustomization.yaml file',
    },
    { name: 'prune', type: 'boolean', description: 'enable garbage collection' },
    { name: 'wait', type: 'boolean', description: 'enable health checking of all the applied resources' },
    {
      name: 'target-namespace',
      type: 'string',
      value: 'NS',
      description: 'overrides the namespace of all Kustomization objects',
    },
    {
      name: 'depends-on',
      type: 'string',
      multiple: true,
      value: 'NS/NAME',
      description: 'Kustomization that must be ready before this Kustomization can be applied',
    },
    {
      name: 'service-account',
      type: 'string',
      value: 'NAME',
      description: 'the name of the service account to impersonate when reconciling',
    },
    ...CREATE_FLAGS,
  ],
  examples: [
    'tideline create kustomization apps --source=GitRepository/podinfo --path="./kustomize" --prune --interval=10m',
  ],
  run: runCreateKustomization,
};
