import type { KubeObject } from '@tideline/core';
import { CliError, UsageError } from './cli-error.js';
import type { FlagSpec } from './command.js';
import type { FluxObject } from './get-rows.js';

/** `--fetch-timeout`, flux's persistent flag of `create source`. */
export const FETCH_TIMEOUT_FLAG: FlagSpec = {
  name: 'fetch-timeout',
  type: 'string',
  value: 'DURATION',
  description: 'set a timeout for fetch operations performed by the source',
};

/** A Secret holding credentials as `stringData` (the API server encodes them). Pure. */
export function secretObject(
  name: string,
  namespace: string,
  stringData: Record<string, string>,
): KubeObject & Record<string, unknown> {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'Opaque', stringData };
}

/** The lines flux prints once a source is Ready: completed, then the fetched revision. Pure. */
export function artifactLines(label: string, obj: FluxObject): string[] {
  const revision = (obj.status as { artifact?: { revision?: string } } | undefined)?.artifact?.revision;
  if (!revision) throw new CliError(`${label} reconciliation completed but no artifact was found`);
  return [`${label} reconciliation completed`, `fetched revision: ${revision}`];
}

/** A `--source` reference. */
export interface SourceRefFlag {
  kind: string;
  name: string;
  namespace?: string;
}

/**
 * flux's `--source` format, `[<kind>/]<name>[.<namespace>]`: the kind defaults to the first
 * allowed one and must be one of them. Pure.
 */
export function parseSourceRef(text: string | undefined, kinds: readonly string[]): SourceRefFlag {
  if (!text) throw new UsageError('source is required');
  const slash = text.indexOf('/');
  const kind = slash < 0 ? (kinds[0] ?? '') : text.slice(0, slash);
  const rest = slash < 0 ? text : text.slice(slash + 1);
  const match = kinds.find((k) => k.toLowerCase() === kind.toLowerCase());
  if (!match)
    throw new UsageError(`source kind '${kind}' is not supported, must be one of: ${kinds.join(', ')}`);
  const dot = rest.indexOf('.');
  const name = dot < 0 ? rest : rest.slice(0, dot);
  const namespace = dot < 0 ? undefined : rest.slice(dot + 1);
  if (!name)
    throw new UsageError(`invalid source '${text}', must be in format [<kind>/]<name>[.<namespace>]`);
  return { kind: match, name, ...(namespace ? { namespace } : {}) };
}
