import { createInterface } from 'node:readline/promises';
import { storageApiVersion } from '@tideline/core';
import { CliError, ExitCode, UsageError } from './cli-error.js';
import { booleanFlag, type CliCommand, type CommandContext } from './command.js';
import { kindWordChoices, requireKindWords } from './flux-kinds.js';
import { getObject } from './kind-access.js';

/** Asks `question [y/N]` on a terminal; without one, a delete needs `--silent`. */
async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY)
    throw new UsageError(
      'not a terminal, so no one can confirm the deletion: pass --silent to delete without asking',
    );
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}

/** `tideline delete <kind> NAME [--silent]`, as `flux delete`: asks first, then deletes. */
async function runDelete(ctx: CommandContext): Promise<number> {
  const { kind, rest } = requireKindWords(ctx.positionals);
  const name = rest[0];
  if (!name || rest.length > 1) throw new UsageError(`${kind.kind} name is required (exactly one)`);
  const resources = await ctx.cluster();
  const obj = await getObject(resources, kind, ctx.namespace, name);
  if (!obj) throw new CliError(`${kind.kind} object '${name}' not found in "${ctx.namespace}" namespace`);
  const noun = kind.cli.humanKind ?? kind.cli.noun;
  if (!booleanFlag(ctx.flags, 'silent') && !(await confirm(`Are you sure you want to delete this ${noun}`))) {
    ctx.say.failure('deletion cancelled');
    return ExitCode.failed;
  }
  ctx.say.action(`deleting ${noun} ${name} in ${ctx.namespace} namespace`);
  await resources.delete({
    apiVersion: storageApiVersion(kind),
    kind: kind.kind,
    namespace: ctx.namespace,
    name,
  });
  ctx.say.success(`${noun} deleted`);
  return ExitCode.ok;
}

/** `tideline delete`. */
export const deleteCommand: CliCommand = {
  path: ['delete'],
  args: '<kind> NAME',
  summary: 'Delete a Flux object (its finalizer cleans up what it applied), as `flux delete` does',
  description: `Kinds: ${kindWordChoices(false).join(', ')}. Without a terminal to confirm on, --silent is required.`,
  cluster: true,
  complete: 'kinds',
  flags: [
    { name: 'silent', short: 's', type: 'boolean', description: 'delete without asking for confirmation' },
  ],
  examples: ['tideline delete kustomization apps', 'tideline delete source git podinfo --silent'],
  run: runDelete,
};
