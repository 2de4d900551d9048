import type { FluxKind, FluxObjectSummary, ReadyState } from '@tideline/server';
import { isFluxKind } from '../../objects/selectors/kind-config';
import { isKubeName } from '../../objects/selectors/object-key';

/** The status filter's choices: each is one summary state (`failing` is the state `failed`). */
export const STATUS_FILTERS = ['failing', 'progressing', 'suspended', 'ready', 'unknown'] as const;
/** One status filter. */
export type StatusFilter = (typeof STATUS_FILTERS)[number];

/** The columns the overview sorts by. */
export const SORT_KEYS = ['kind', 'name', 'status', 'updated'] as const;
/** One sort column. */
export type SortKey = (typeof SORT_KEYS)[number];

/** The overview's view: filters and sort; absent means "all" and the default order. */
export interface OverviewFilter {
  kind?: FluxKind;
  namespace?: string;
  status?: StatusFilter;
  /** Name search: part of `namespace/name`, any case. */
  q?: string;
  sort?: SortKey;
  /** Reverse the sort's natural order. */
  desc?: boolean;
}

/** What the parser needs from `URLSearchParams` (also satisfied by Next's `ReadonlyURLSearchParams`). */
export interface SearchParamsLike {
  get(name: string): string | null;
}

/** The state each status filter selects. */
const STATE_OF: Readonly<Record<StatusFilter, ReadyState>> = {
  failing: 'failed',
  progressing: 'progressing',
  suspended: 'suspended',
  ready: 'ready',
  unknown: 'unknown',
};

/** Reads the view from the URL, dropping anything it cannot be. Pure. */
export function parseOverviewFilter(params: SearchParamsLike): OverviewFilter {
  const filter: OverviewFilter = {};
  const kind = params.get('kind');
  const namespace = params.get('namespace');
  const status = params.get('status');
  const sort = params.get('sort');
  const q = params.get('q')?.trim();
  if (kind && isFluxKind(kind)) filter.kind = kind;
  if (namespace && isKubeName(namespace)) filter.namespace = namespace;
  if (status && (STATUS_FILTERS as readonly string[]).includes(status))
    filter.status = status as StatusFilter;
  if (q) filter.q = q.slice(0, 253);
  if (sort && (SORT_KEYS as readonly string[]).includes(sort) && sort !== 'kind')
    filter.sort = sort as SortKey;
  if (params.get('dir') === 'desc') filter.desc = true;
  return filter;
}

/** The query string (with `?`, or empty) that encodes `filter`, keys in a stable order. Pure. */
export function overviewFilterSearch(filter: OverviewFilter): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.status) params.set('status', filter.status);
  if (filter.kind) params.set('kind', filter.kind);
  if (filter.namespace) params.set('namespace', filter.namespace);
  if (filter.sort && filter.sort !== 'kind') params.set('sort', filter.sort);
  if (filter.desc) params.set('dir', 'desc');
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** A filter without one of its facets (for that facet's counts). */
type Facet = 'kind' | 'status' | 'none';

/** True when `row` passes every part of `filter` except `ignore`. Pure. */
export function matchesOverviewFilter(
  row: FluxObjectSummary,
  filter: OverviewFilter,
  ignore: Facet = 'none',
): boolean {
  if (ignore !== 'kind' && filter.kind && row.kind !== filter.kind) return false;
  if (filter.namespace && row.namespace !== filter.namespace) return false;
  if (ignore !== 'status' && filter.status && row.state !== STATE_OF[filter.status]) return false;
  if (filter.q && !`${row.namespace}/${row.name}`.includes(filter.q.toLowerCase())) return false;
  return true;
}

/** The rows `filter` lets through. Pure. */
export function applyOverviewFilter(
  rows: readonly FluxObjectSummary[],
  filter: OverviewFilter,
): FluxObjectSummary[] {
  return rows.filter((row) => matchesOverviewFilter(row, filter));
}

/** The distinct namespaces of `rows`, sorted, plus the selected one so the control can show it. Pure. */
export function namespaceOptions(rows: readonly FluxObjectSummary[], selected?: string): string[] {
  const names = new Set(rows.map((row) => row.namespace));
  if (selected) names.add(selected);
  return [...names].sort();
}
