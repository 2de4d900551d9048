import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildLocalKustomization,
  KUSTOMIZE_API_VERSION,
  parseInventoryEntry,
  type KubeObject,
  type Kustomization,
  type Resources,
} from '@tideline/core';
import { CliError, ExitCode, UsageError } from './cli-error.js';
import { stringFlag, type CliCommand, type CommandContext } from './command.js';
import { comparable, maskSecrets, objectYaml } from './diff-objects.js';
import { pinnedTool } from './pinned-tools.js';
import { objectText } from './object-tree.js';
import { unifiedDiff } from './unified-diff.js';

type Obj = KubeObject & Record<string, unknown>;
type Ks = Obj & Pick<Kustomization, 'spec'>;

/** kustomize-controller's field manager: the dry-run shows what its apply would write. */
const FIELD_MANAGER = 'kustomize-controller';

const subject = (o: KubeObject): string =>
  objectText({ kind: o.kind, group: '', namespace: o.metadata.namespace ?? '', name: o.metadata.name });

/** One object's lines: `► <subject> created`, or `drifted` and the unified diff of live → merged. */
async function diffObject(resources: Resources, obj: Obj): Promise<string | undefined> {
  if (obj.metadata.annotations?.['kustomize.toolkit.fluxcd.io/reconcile'] === 'disabled') return undefined;
  const ref = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
  };
  const live = await resources.get<Obj>(ref);
  const merged = await resources.apply<Obj>(obj, { fieldManager: FIELD_MANAGER, force: true, dryRun: true });
  if (!live) return `► ${subject(obj)} created\n`;
  const masked = maskSecrets(comparable(live), comparable(merged));
  const diff = unifiedDiff(
    objectYaml(masked.live ?? ({} as Obj)),
    objectYaml(masked.merged),
    'live',
    'merged',
  );
  return diff ? `► ${subject(obj)} drifted\n${diff}` : undefined;
}

/** The inventory entries no longer built (flux prints them only for `prune: true`). */
function deletedLines(ks: Ks, built: readonly KubeObject[]): string[] {
  if (!ks.spec.prune) return [];
  const group = (apiVersion: string): string =>
    apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '';
  const keys = new Set(
    built.map((o) => `${o.metadata.namespace ?? ''}/${o.metadata.name}/${group(o.apiVersion)}/${o.kind}`),
  );
  return (
    (ks.status as { inventory?: { entries?: { id: string; v: string }[] } } | undefined)?.inventory
      ?.entries ?? []
  )
    .map(parseInventoryEntry)
    .filter((id) => !keys.has(`${id.namespace}/${id.name}/${id.group}/${id.kind}`))
    .map((id) => `► ${objectText(id)} deleted\n`);
}

/** `tideline diff kustomization NAME --path DIR`: exit 1 with differences, 0 without, 2 when the diff fails. */
async function runDiff(ctx: CommandContext): Promise<number> {
  const [name, ...extra] = ctx.positionals;
  if (!name) throw new UsageError('kustomization name is required');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0] ?? ''}"`);
  const path = stringFlag(ctx.flags, 'path');
  if (!path) throw new UsageError('invalid resource path ""');
  const dir = resolve(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new UsageError(`invalid resource path "${path}"`);
  const resources = await ctx.cluster();
  const ks = await resources.get<Ks>({
    apiVersion: KUSTOMIZE_API_VERSION,
    kind: 'Kustomization',
    namespace: ctx.namespace,
    name,
  });
  if (!ks) throw new CliError(`Kustomization object '${name}' not found in "${ctx.namespace}" namespace`);
  try {
    const built = (await buildLocalKustomization(ks, dir, {
      resources,
      kubectlBin: pinnedTool('kubectl'),
      timeoutMs: ctx.timeoutMs,
    })) as Obj[];
    const lines: string[] = [];
    const errors: string[] = [];
    for (const obj of built) {
      const line = await diffObject(resources, obj).catch((error: unknown) => {
        errors.push(`${subject(obj)} dry-run failed: ${(error as Error).message}`);
        return undefined;
      });
      if (line) lines.push(line);
    }
    if (errors.length === 0) lines.push(...deletedLines(ks, built));
    ctx.out(lines.join(''));
    if (errors.length > 0) throw new CliError(errors.join('; '), ExitCode.usage);
    ctx.say.success('Kustomization diffing...');
    return lines.length > 0 ? ExitCode.failed : ExitCode.ok;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError((error as Error).message, ExitCode.usage);
  }
}

/** `tideline diff kustomization NAME --path DIR`. */
export const diffKustomizationCommand: CliCommand = {
  path: ['diff', 'kustomization'],
  args: 'NAME --path DIR',
  summary: 'Diff a Kustomization',
  description:
    'As `flux diff kustomization`: builds DIR as the engine builds the Kustomization (kustomization.yaml\n' +
    "generation, kustomize, the cluster's post-build variables, ownership labels), dry-runs every object with\n" +
    'server-side apply and prints `► Kind/ns/name created|drifted|deleted` with a unified diff; Secret values\n' +
    'are masked. Exit code 1 when there are differences, 0 when there are none, 2 when the diff failed.',
  flags: [
    {
      name: 'path',
      type: 'string',
      value: 'DIR',
      description: 'path to the local directory to build and diff',
    },
  ],
  examples: ['tideline diff kustomization apps --path ./apps/production'],
  cluster: true,
  complete: 'names',
  run: runDiff,
};
