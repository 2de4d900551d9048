import { parseArgs } from 'node:util';
import type { KubeObject } from '@tideline/core';
import { connect } from './cluster-connection.js';
import { ALL_KINDS, parseKindWords, type CliKind } from './flux-kinds.js';
import { formatFluxTable, readyCells, truncateHex } from './flux-table.js';

type FluxObject = KubeObject & {
  spec?: { suspend?: boolean };
  status?: {
    conditions?: { type: string; status: string; message: string }[];
    artifact?: { revision?: string };
    lastAppliedRevision?: string;
  };
};

/** One table's rows for a kind. Pure. */
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
      const [ready, message] = readyCells(o.status?.conditions);
      const name = options.prefixKind ? `${kind.kind.toLowerCase()}/${o.metadata.name}` : o.metadata.name;
      const row = [
        name,
        truncateHex(kind.revision(o)),
        o.spec?.suspend ? 'True' : 'False',
        ready,
        truncateHex(message),
      ];
      return options.allNamespaces ? [o.metadata.namespace ?? '', ...row] : row;
    });
}

/** `tideline get all|sources git|sources helm|sources chart|sources oci|kustomizations [-A|-n NS] [--kubeconfig P]`. */
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
    process.stderr.write(
      '✗ usage: tideline get all|sources git|sources helm|sources chart|sources oci|kustomizations [-A|-n NS]\n',
    );
    return 1;
  }
  const allNamespaces = values['all-namespaces'] === true;
  const namespace = allNamespaces ? undefined : values.namespace;
  const resources = await connect(values.kubeconfig);
  const kinds = all ? ALL_KINDS : parsed ? [parsed.kind] : [];
  const headers = [
    ...(allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    'REVISION',
    'SUSPENDED',
    'READY',
    'MESSAGE',
  ];
  let printed = 0;
  for (const kind of kinds) {
    const list = await resources.list<FluxObject>(kind.apiVersion, kind.kind, { namespace });
    if (list.items.length === 0) continue;
    printed += 1;
    process.stdout.write(
      formatFluxTable(headers, rowsFor(kind, list.items, { allNamespaces, prefixKind: all })),
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
