import { ExitCode, UsageError, CliError } from './cli-error.js';
import { booleanFlag, type CliCommand, type CommandContext } from './command.js';
import { exportYaml } from './export-yaml.js';
import { kindWordChoices, requireKindWords } from './flux-kinds.js';
import { getObject, listKind, requireNamespace } from './kind-access.js';

/** `tideline export <kind> NAME | --all`: objects as YAML to re-apply elsewhere, as `flux export`. */
async function runExport(ctx: CommandContext): Promise<number> {
  const { kind, rest } = requireKindWords(ctx.positionals);
  const all = booleanFlag(ctx.flags, 'all');
  if (rest.length === 0 && !all) throw new UsageError(`${kind.kind} name is required (or --all)`);
  if (rest.length > 0 && all) throw new UsageError('give a NAME or --all, not both');
  const resources = await ctx.cluster();
  if (all) {
    const items = await listKind(resources, kind, { namespace: ctx.namespace });
    if (items.length === 0) {
      await requireNamespace(resources, ctx.namespace);
      throw new CliError(`no ${kind.kind} objects found in "${ctx.namespace}" namespace`);
    }
    const sorted = [...items].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    ctx.out(sorted.map(exportYaml).join(''));
    return ExitCode.ok;
  }
  let text = '';
  // Every name is looked up before anything is printed, so a missing one prints no partial YAML.
  for (const name of rest) {
    const obj = await getObject(resources, kind, ctx.namespace, name);
    if (!obj) throw new CliError(`${kind.kind} object '${name}' not found in "${ctx.namespace}" namespace`);
    text += exportYaml(obj);
  }
  ctx.out(text);
  return ExitCode.ok;
}

/** `tideline export`. */
export const exportCommand: CliCommand = {
  path: ['export'],
  args: '<kind> [NAME…]',
  summary: 'Print objects as YAML without status or server fields, as `flux export` does',
  description: `Kinds: ${kindWordChoices(false).join(', ')}. Secrets are never exported.`,
  cluster: true,
  complete: 'kinds',
  flags: [{ name: 'all', type: 'boolean', description: 'every object of the kind in the namespace' }],
  examples: ['tideline export source git --all > sources.yaml', 'tideline export kustomization apps'],
  run: runExport,
};
