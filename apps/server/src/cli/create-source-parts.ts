import type { KubeObject } from '@tideline/core';
import { CliError } from './cli-error.js';
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
