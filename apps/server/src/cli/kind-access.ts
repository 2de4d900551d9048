import { storageApiVersion, UnknownKindError, type Resources } from '@tideline/core';
import { CliError } from './cli-error.js';
import type { CliKind } from './flux-kinds.js';
import type { FluxObject } from './get-rows.js';

/** `"ns"`, or `any` for all namespaces, as flux's messages put it. Pure. */
export function namespaceOrAny(namespace: string | undefined): string {
  return namespace === undefined ? 'any' : `"${namespace}"`;
}

/** The line for a kind the cluster does not serve (its CRD is missing). Pure. */
export function notServedLine(kind: CliKind): string {
  return `the cluster does not serve ${kind.kind} (${storageApiVersion(kind)}): its CRD is not installed (tideline start installs Tideline's CRDs)`;
}

/** Turns a missing CRD into one clear line. */
function explain(kind: CliKind, error: unknown): never {
  if (error instanceof UnknownKindError) throw new CliError(notServedLine(kind));
  throw error;
}

/** Lists a kind; a missing CRD is one clear error, or an empty list when `missingCrdIsEmpty` (`get all`). */
export async function listKind(
  resources: Resources,
  kind: CliKind,
  options: {
    namespace?: string;
    labelSelector?: string;
    fieldSelector?: string;
    missingCrdIsEmpty?: boolean;
  },
): Promise<FluxObject[]> {
  try {
    const list = await resources.list<FluxObject>(storageApiVersion(kind), kind.kind, options);
    return list.items;
  } catch (error) {
    if (options.missingCrdIsEmpty && error instanceof UnknownKindError) return [];
    return explain(kind, error);
  }
}

/** One object of a kind, or undefined when it does not exist. */
export async function getObject(
  resources: Resources,
  kind: CliKind,
  namespace: string,
  name: string,
): Promise<FluxObject | undefined> {
  try {
    return await resources.get<FluxObject>({
      apiVersion: storageApiVersion(kind),
      kind: kind.kind,
      namespace,
      name,
    });
  } catch (error) {
    return explain(kind, error);
  }
}

/** Fails with one line when a namespace does not exist (so an empty answer is not mistaken for "nothing there"). */
export async function requireNamespace(resources: Resources, namespace: string): Promise<void> {
  const found = await resources.get({ apiVersion: 'v1', kind: 'Namespace', name: namespace });
  if (!found) throw new CliError(`namespace "${namespace}" not found`);
}
