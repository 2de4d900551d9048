import type { FluxKind, FluxObjectSummary } from '@tideline/server';
import { isFluxKind } from '../../objects/selectors/kind-config';
import { isKubeName } from '../../objects/selectors/object-key';

/** The overview's filters; absent means "all". */
export interface OverviewFilter {
  kind?: FluxKind;
  namespace?: string;
}

/** What the parser needs from `URLSearchParams` (also satisfied by Next's `ReadonlyURLSearchParams`). */
export interface SearchParamsLike {
  get(name: string): string | null;
}

/** Reads the filters from the URL, dropping unknown kinds and invalid namespaces. Pure. */
export function parseOverviewFilter(params: SearchParamsLike): OverviewFilter {
  const filter: OverviewFilter = {};
  const kind = params.get('kind');
  const namespace = params.get('namespace');
  if (kind && isFluxKind(kind)) filter.kind = kind;
  if (namespace && isKubeName(namespace)) filter.namespace = namespace;
  return filter;
}

/** The query string (with `?`, or empty) that encodes `filter`, keys in a stable order. Pure. */
export function overviewFilterSearch(filter: OverviewFilter): string {
  const params = new URLSearchParams();
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.namespace) params.set('namespace', filter.namespace);
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The rows `filter` lets through. Pure. */
export function applyOverviewFilter(
  rows: readonly FluxObjectSummary[],
  filter: OverviewFilter,
): FluxObjectSummary[] {
  return rows.filter(
    (row) =>
      (!filter.kind || row.kind === filter.kind) && (!filter.namespace || row.namespace === filter.namespace),
  );
}

/** The distinct namespaces of `rows`, sorted, plus the selected one so the control can show it. Pure. */
export function namespaceOptions(rows: readonly FluxObjectSummary[], selected?: string): string[] {
  const names = new Set(rows.map((row) => row.namespace));
  if (selected) names.add(selected);
  return [...names].sort();
}
