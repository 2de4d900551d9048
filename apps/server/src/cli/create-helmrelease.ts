import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { formatDuration, HELM_API_VERSION, type KubeObject } from '@tideline/core';
import { CliError, UsageError } from './cli-error.js';
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

const SOURCE_KINDS = ['HelmRepository', 'GitRepository', 'Bucket'];
/** A values file bigger than this is refused before it is read (flux's Secret/ConfigMap cap is 1 MiB). */
const MAX_VALUES_BYTES = 1024 * 1024;
const CRDS_POLICIES = ['Skip', 'Create', 'CreateReplace'];

/** The values files merged in order, each a YAML map (later keys win at the top level, as flux's MergeMaps). */
function readValues(paths: readonly string[]): Record<string, unknown> | undefined {
  if (paths.length === 0) return undefined;
  const merged: Record<string, unknown> = {};
  for (const path of paths) {
    let text: string;
    try {
      const data = readFileSync(path);
      if (data.length > MAX_VALUES_BYTES) throw new CliError(`values file '${path}' is larger than 1 MiB`);
      text = data.toString('utf8');
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`reading values from ${path} failed: ${(error as Error).message}`);
    }
    const values: unknown = parse(text);
    if (values !== null && (typeof values !== 'object' || Array.isArray(values)))
      throw new CliError(`unmarshaling values from ${path} failed: not a map`);
    Object.assign(merged, values ?? {});
  }
  return merged;
}

/** The HelmRelease `flux create helmrelease` generates. Pure but for reading `--values` files. */
export function helmReleaseFromFlags(
  name: string,
  namespace: string,
  ctx: Pick<CommandContext, 'flags'>,
): KubeObject & { spec: Record<string, unknown> } {
  const chart = stringFlag(ctx.flags, 'chart');
  if (!chart) throw new UsageError('chart name or path is required');
  const sourceRef = parseSourceRef(stringFlag(ctx.flags, 'source'), SOURCE_KINDS);
  const version = stringFlag(ctx.flags, 'chart-version');
  const spec: Record<string, unknown> = {
    interval: formatDuration(durationFlag(ctx.flags, 'interval', '1m')),
    chart: { spec: { chart, ...(version ? { version } : {}), sourceRef } },
  };
  const release = stringFlag(ctx.flags, 'release-name');
  if (release) spec.releaseName = release;
  const target = stringFlag(ctx.flags, 'target-namespace');
  if (target) spec.targetNamespace = target;
  if (booleanFlag(ctx.flags, 'create-target-namespace')) spec.install = { createNamespace: true };
  const crds = stringFlag(ctx.flags, 'crds');
  if (crds) {
    if (!CRDS_POLICIES.includes(crds))
      throw new UsageError(
        `invalid argument "${crds}" for "--crds" flag: must be one of: ${CRDS_POLICIES.join(', ')}`,
      );
    spec.install = { ...(spec.install as object | undefined), crds };
    spec.upgrade = { crds };
  }
  const deps = listFlag(ctx.flags, 'depends-on');
  if (deps.length > 0)
    spec.dependsOn = deps.map((d) =>
      d.includes('/') ? { namespace: d.split('/')[0], name: d.split('/')[1] } : { name: d },
    );
  const storage = stringFlag(ctx.flags, 'storage-namespace');
  if (storage) spec.storageNamespace = storage;
  const serviceAccount = stringFlag(ctx.flags, 'service-account');
  if (serviceAccount) spec.serviceAccountName = serviceAccount;
  const values = readValues(listFlag(ctx.flags, 'values'));
  if (values) spec.values = values;
  const labels = labelsFlag(ctx as CommandContext);
  return {
    apiVersion: HELM_API_VERSION,
    kind: 'HelmRelease',
    metadata: { name, namespace, ...(labels ? { labels } : {}) },
    spec,
  };
}

async function runCreateHelmRelease(ctx: CommandContext): Promise<number> {
  const name = validateName(ctx.positionals[0]);
  return runCreate(ctx, {
    object: helmReleaseFromFlags(name, ctx.namespace, ctx),
    label: 'HelmRelease',
    readyLines: (obj: FluxObject) => {
      const history = (obj.status as { history?: { chartVersion?: string }[] } | undefined)?.history;
      return [`HelmRelease ${name} is ready`, `applied revision ${history?.[0]?.chartVersion ?? ''}`];
    },
  });
}

/** `tideline create helmrelease`. */
export const createHelmReleaseCommand: CliCommand = {
  path: ['create', 'helmrelease'],
  args: 'NAME',
  summary: 'Create or update a HelmRelease resource, as `flux create helmrelease` does',
  cluster: true,
  flags: [
    {
      name: 'source',
      type: 'string',
      value: 'SOURCE',
      description:
        "source that contains the chart, '<kind>/<name>[.<namespace>]' (kind: HelmRepository, GitRepository, Bucket)",
    },
    { name: 'chart', type: 'string', value: 'NAME', description: 'Helm chart name or path' },
    {
      name: 'chart-version',
      type: 'string',
      value: 'RANGE',
      description: 'Helm chart version, accepts a semver range',
    },
    {
      name: 'release-name',
      type: 'string',
      value: 'NAME',
      description:
        "name used for the Helm release, defaults to a composition of '[<target-namespace>-]<HelmRelease-name>'",
    },
    {
      name: 'target-namespace',
      type: 'string',
      value: 'NS',
      description: 'namespace to install this release',
    },
    {
      name: 'create-target-namespace',
      type: 'boolean',
      description: 'create the target namespace if it does not exist',
    },
    { name: 'storage-namespace', type: 'string', value: 'NS', description: 'namespace for the Helm storage' },
    {
      name: 'depends-on',
      type: 'string',
      multiple: true,
      value: 'NS/NAME',
      description: 'HelmReleases that must be ready before this release can be installed',
    },
    {
      name: 'values',
      type: 'string',
      multiple: true,
      value: 'FILE',
      description: 'local path to values.yaml files',
    },
    {
      name: 'crds',
      type: 'string',
      value: 'POLICY',
      description: 'upgrade CRDs policy: Skip, Create, CreateReplace',
      choices: CRDS_POLICIES,
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
    'tideline create hr podinfo --source=HelmRepository/podinfo --chart=podinfo --chart-version=">4.0.0"',
  ],
  run: runCreateHelmRelease,
};
