import { stringify } from 'yaml';
import { KUSTOMIZE_API_VERSION, parseInventoryEntry, type KubeObject, type Resources } from '@tideline/core';
import { CliError, ExitCode, UsageError } from './cli-error.js';
import { booleanFlag, stringFlag, type CliCommand, type CommandContext } from './command.js';
import { helmReleaseObjects } from './helm-release-objects.js';
import { printTree, treeDocument, type ObjectTree, type TreeObject } from './object-tree.js';

type Ks = KubeObject & {
  spec?: { kubeConfig?: unknown };
  status?: { inventory?: { entries?: { id: string; v: string }[] } };
};

const KS_GROUP = 'kustomize.toolkit.fluxcd.io';
const HELM_GROUP = 'helm.toolkit.fluxcd.io';
/** `--compact` keeps the objects whose group contains this (flux's Flux-objects-only view). */
const COMPACT_GROUP = 'toolkit.fluxcd.io';
/** Nested Kustomizations deeper than this are a cycle (an inventory naming an ancestor). */
const MAX_DEPTH = 32;

async function getKs(resources: Resources, namespace: string, name: string): Promise<Ks | undefined> {
  return resources.get<Ks>({ apiVersion: KUSTOMIZE_API_VERSION, kind: 'Kustomization', namespace, name });
}

/**
 * flux's `treeKustomization`: each inventory entry (the root itself skipped), HelmReleases
 * expanded from Helm's storage, child Kustomizations expanded recursively unless the parent
 * applies to a remote cluster.
 */
async function expand(
  resources: Resources,
  node: ObjectTree,
  ks: Ks,
  compact: boolean,
  depth: number,
): Promise<void> {
  if (depth > MAX_DEPTH) throw new CliError(`Kustomization tree deeper than ${MAX_DEPTH} levels (a cycle?)`);
  const keep = (o: TreeObject): boolean => !compact || o.group.includes(COMPACT_GROUP);
  for (const entry of ks.status?.inventory?.entries ?? []) {
    const id = parseInventoryEntry(entry);
    const object: TreeObject = { kind: id.kind, group: id.group, namespace: id.namespace, name: id.name };
    if (!keep(object)) continue;
    const isKs = id.group === KS_GROUP && id.kind === 'Kustomization';
    if (isKs && id.namespace === ks.metadata.namespace && id.name === ks.metadata.name) continue;
    const child: ObjectTree = { object, items: [] };
    node.items.push(child);
    if (id.group === HELM_GROUP && id.kind === 'HelmRelease') {
      const objects = await helmReleaseObjects(resources, id.namespace, id.name);
      child.items.push(...objects.filter(keep).map((o) => ({ object: o, items: [] })));
    }
    if (isKs && !ks.spec?.kubeConfig) {
      const nested = await getKs(resources, id.namespace, id.name);
      if (!nested)
        throw new CliError(`failed to find object: Kustomization ${id.namespace}/${id.name} not found`);
      await expand(resources, child, nested, compact, depth + 1);
    }
  }
}

/** `tideline tree kustomization NAME`. */
async function runTree(ctx: CommandContext): Promise<number> {
  const [name, ...extra] = ctx.positionals;
  if (!name) throw new UsageError('kustomization name is required');
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0] ?? ''}"`);
  const output = stringFlag(ctx.flags, 'output') ?? '';
  if (!['', 'json', 'yaml'].includes(output))
    throw new UsageError(`invalid output format '${output}', can be 'json' or 'yaml'`);
  const resources = await ctx.cluster();
  const ks = await getKs(resources, ctx.namespace, name);
  if (!ks) throw new CliError(`Kustomization object '${name}' not found in "${ctx.namespace}" namespace`);
  const tree: ObjectTree = {
    object: { kind: 'Kustomization', group: KS_GROUP, namespace: ctx.namespace, name },
    items: [],
  };
  await expand(resources, tree, ks, booleanFlag(ctx.flags, 'compact'), 0);
  // flux prints with Println: the text, and one more newline.
  if (output === 'json') ctx.out(`${JSON.stringify(treeDocument(tree), null, 2)}\n`);
  else if (output === 'yaml') ctx.out(`${stringify(treeDocument(tree))}\n`);
  else ctx.out(`${printTree(tree)}\n`);
  return ExitCode.ok;
}

/** `tideline tree kustomization NAME [--compact] [-o json|yaml]`. */
export const treeKustomizationCommand: CliCommand = {
  path: ['tree', 'kustomization'],
  args: 'NAME',
  summary: 'Print the resource inventory of a Kustomization',
  description:
    'As `flux tree kustomization`: the objects a Kustomization applied, nested Kustomizations expanded, and\n' +
    "each HelmRelease's objects read from Helm's storage Secret of its latest release (never its values).",
  flags: [
    { name: 'compact', type: 'boolean', description: 'list Flux resources only' },
    {
      name: 'output',
      short: 'o',
      type: 'string',
      value: 'FORMAT',
      description: "the format in which the tree should be printed. can be 'json' or 'yaml'",
      choices: ['json', 'yaml'],
    },
  ],
  examples: ['tideline tree kustomization flux-system', 'tideline tree ks flux-system --compact'],
  cluster: true,
  complete: 'names',
  run: runTree,
};
