import { parseArgs } from 'node:util';
import { isNotFound, storageApiVersion, type FluxObjectView, type KubeObject } from '@tideline/core';
import { connect } from './cluster-connection.js';
import { ALL_KINDS, getUsage, parseKindWords, type CliKind } from './flux-kinds.js';
import { formatFluxTable, readyCells, truncateHex } from './flux-table.js';

type FluxObject = KubeObject & FluxObjectView;

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

/** One table's rows for a kind, as `flux get` prints them. Pure. */
export function rowsFor(
  kind: CliKind,
  items: readonly FluxObject[],
  options: { allNamespaces: boolean; prefixKind: boolean },
): string[][] {
  return [...items]
    .sort((a, b) =>
      `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
        `${b.metadata.namespace}/${b.metadata.name}`,
      ),
    )
    .map((o) => {
      const conditions = (o.status as { conditions?: { type: string; status: string; message: string }[] })
        ?.conditions;
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
    });
}

/** `tideline get all|<kind words> [-A|-n NS] [--kubeconfig P]`, as `flux get` prints it. */
export async function runGetCommand(argv: readonly string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      namespace: { type: 'string', short: 'n', default: 'flux-system' },
      'all-namespaces': { type: 'boolean', short: 'A' },
      kubeconfig: { type: 'string' },
    },
  });
  const all = positionals[0] === 'all';
  const parsed = all ? undefined : parseKindWords(positionals);
  if (!all && !parsed) {
    process.stderr.write(`✗ usage: ${getUsage()}\n`);
    return 1;
  }
  const allNamespaces = values['all-namespaces'] === true;
  const namespace = allNamespaces ? undefined : values.namespace;
  const resources = await connect(values.kubeconfig);
  const kinds = all ? ALL_KINDS : parsed ? [parsed.kind] : [];
  let printed = 0;
  for (const kind of kinds) {
    // `flux get all` skips kinds whose CRD the cluster lacks.
    const list = await resources
      .list<FluxObject>(storageApiVersion(kind), kind.kind, { namespace })
      .catch((error: unknown) => {
        if (all && isNotFound(error)) return { items: [] };
        throw error;
      });
    if (list.items.length === 0) continue;
    printed += 1;
    process.stdout.write(
      formatFluxTable(
        headersFor(kind, allNamespaces),
        rowsFor(kind, list.items, { allNamespaces, prefixKind: all }),
      ),
    );
    if (all) process.stdout.write('\n');
  }
  if (printed === 0 && !all) {
    process.stderr.write(
      `✗ no ${kinds[0]?.kind ?? ''} objects found in ${allNamespaces ? 'any' : `"${namespace}"`} namespace\n`,
    );
  }
  return 0;
}
