import type { FluxObjectView, KubeObject } from '@tideline/core';
import { UsageError } from './cli-error.js';
import type { CliKind } from './flux-kinds.js';
import { readyCells, truncateHex } from './flux-table.js';

/** A Flux object as `get` reads it. */
export type FluxObject = KubeObject & FluxObjectView;

type Condition = { type: string; status: string; message: string };

/** The table headers of a kind (`-A` adds NAMESPACE). Pure. */
export function headersFor(kind: CliKind, allNamespaces: boolean): string[] {
  return [
    ...(allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    ...kind.cli.columns.map((c) => c.header),
    'READY',
    'MESSAGE',
  ];
}

/** One object's row, as `flux get` prints it (`get all` prefixes the lower-case kind). Pure. */
export function rowFor(
  kind: CliKind,
  o: FluxObject,
  options: { allNamespaces: boolean; prefixKind: boolean },
): string[] {
  const conditions = (o.status as { conditions?: Condition[] } | undefined)?.conditions;
  const [ready, message] = kind.cli.staticReady
    ? [kind.cli.staticReady.ready, kind.cli.staticReady.message]
    : readyCells(conditions);
  const name = options.prefixKind ? `${kind.kind.toLowerCase()}/${o.metadata.name}` : o.metadata.name;
  const row = [
    name,
    ...kind.cli.columns.map((c) => (c.truncateHex ? truncateHex(c.cell(o)) : c.cell(o))),
    ready,
    truncateHex(message),
  ];
  return options.allNamespaces ? [o.metadata.namespace ?? '', ...row] : row;
}

/** A `--status-selector`: `type=status` or `type!=status`, compared case-insensitively. */
export interface StatusSelector {
  type: string;
  status: string;
  negate: boolean;
}

/** Parses `--status-selector` with flux's error for a malformed one. Pure. */
export function parseStatusSelector(text: string | undefined): StatusSelector | undefined {
  if (!text) return undefined;
  const negate = text.includes('!=');
  const parts = text.split(negate ? '!=' : '=');
  const [type, ...rest] = parts;
  if (parts.length < 2 || !type)
    throw new UsageError(
      `expected status selector in type=status or type!=status format, but found: ${text}`,
    );
  return { type, status: rest.join(negate ? '!=' : '='), negate };
}

/**
 * Whether an object passes the selector, as flux's `statusMatches`: the last condition of that
 * type (case-insensitive) has that status; an object without it does not match `=` and does
 * match `!=`. Kinds without status (Alert, Provider) are Ready=True. Pure.
 */
export function statusSelectorMatches(kind: CliKind, o: FluxObject, selector: StatusSelector): boolean {
  const conditions: Condition[] = kind.cli.staticReady
    ? [{ type: 'Ready', status: kind.cli.staticReady.ready, message: '' }]
    : ((o.status as { conditions?: Condition[] } | undefined)?.conditions ?? []);
  const found = conditions.filter((c) => c.type.toLowerCase() === selector.type.toLowerCase()).at(-1);
  const matches = found !== undefined && found.status.toLowerCase() === selector.status.toLowerCase();
  return selector.negate ? !matches : matches;
}

/** The rows of one table, sorted by namespace and name, filtered by the status selector. Pure. */
export function rowsFor(
  kind: CliKind,
  items: readonly FluxObject[],
  options: { allNamespaces: boolean; prefixKind: boolean; selector?: StatusSelector },
): string[][] {
  return [...items]
    .sort((a, b) =>
      `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
        `${b.metadata.namespace}/${b.metadata.name}`,
      ),
    )
    .filter((o) => !options.selector || statusSelectorMatches(kind, o, options.selector))
    .map((o) => rowFor(kind, o, options));
}
