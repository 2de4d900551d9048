import { MAX_NODE_BUDGET, MIN_NODE_BUDGET } from '@tideline/core/browser';
import type { FluxKind, GraphNodeDto } from '@tideline/server';
import { isFluxKind } from '../../objects/selectors/kind-config';
import { isKubeName, parseObjectId } from '../../objects/selectors/object-key';

/**
 * The graph page's state, all in the URL so every view can be shared, reloaded and reached
 * with the back button: `focus`, `hops`, `ns`, `kind`, `budget`, `expand`, `workloads`, `explain`.
 */
export interface GraphParams {
  /** The object the graph narrows to (`<Kind>/<namespace>/<name>`). */
  focus?: string;
  /** Edges up and down from the focus. */
  hops?: number;
  namespaces: string[];
  kinds: FluxKind[];
  /** The node budget. */
  budget?: number;
  /** Appliers whose workloads are drawn. */
  expand: string[];
  /** Draw every applier's workloads. */
  allWorkloads: boolean;
  /** The object whose root-cause path is drawn. */
  explain?: string;
}

/** What the parser needs from `URLSearchParams` (also satisfied by Next's `ReadonlyURLSearchParams`). */
export interface SearchParamsLike {
  get(name: string): string | null;
}

/** The most hops the URL may ask for (the server's bound). */
export const MAX_HOPS = 10;
const MAX_LISTED = 50;

const list = (value: string | null): string[] =>
  (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
const objectId = (value: string | null): string | undefined =>
  value && parseObjectId(value) ? value : undefined;
const whole = (value: string | null, min: number, max: number): number | undefined => {
  const n = Number(value ?? '');
  return value && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
};

/** Reads the graph's state from the URL, dropping anything the server would refuse. Pure. */
export function parseGraphParams(params: SearchParamsLike): GraphParams {
  const parsed: GraphParams = {
    namespaces: [...new Set(list(params.get('ns')).filter(isKubeName))].slice(0, MAX_LISTED),
    kinds: [...new Set(list(params.get('kind')).filter(isFluxKind))],
    expand: [...new Set(list(params.get('expand')).filter((id) => objectId(id)))].slice(0, MAX_LISTED),
    allWorkloads: params.get('workloads') === 'all',
  };
  const focus = objectId(params.get('focus'));
  const explain = objectId(params.get('explain'));
  const hops = whole(params.get('hops'), 0, MAX_HOPS);
  const budget = whole(params.get('budget'), MIN_NODE_BUDGET, MAX_NODE_BUDGET);
  return {
    ...parsed,
    ...(focus ? { focus } : {}),
    ...(explain ? { explain } : {}),
    ...(hops !== undefined ? { hops } : {}),
    ...(budget !== undefined ? { budget } : {}),
  };
}

/** The query string (with `?`, or empty) of `params`, keys in a stable order. Pure. */
export function graphSearch(params: GraphParams): string {
  const search = new URLSearchParams();
  if (params.focus) search.set('focus', params.focus);
  if (params.hops !== undefined) search.set('hops', String(params.hops));
  if (params.namespaces.length) search.set('ns', params.namespaces.join(','));
  if (params.kinds.length) search.set('kind', params.kinds.join(','));
  if (params.budget !== undefined) search.set('budget', String(params.budget));
  if (params.expand.length) search.set('expand', params.expand.join(','));
  if (params.allWorkloads) search.set('workloads', 'all');
  if (params.explain) search.set('explain', params.explain);
  // Object ids are `Kind/ns/name` and lists use commas: keep both readable in the address bar.
  const text = search.toString().replace(/%2F/g, '/').replace(/%2C/g, ',');
  return text ? `?${text}` : '';
}

/** The `graph.get` input of `params`: only what is set. Pure. */
export function graphQueryInput(params: GraphParams): {
  focus?: string;
  hops?: number;
  namespaces?: string[];
  kinds?: FluxKind[];
  budget?: number;
  expand?: string[];
  workloads?: 'all';
  explain?: string;
} {
  return {
    ...(params.focus ? { focus: params.focus } : {}),
    ...(params.hops !== undefined ? { hops: params.hops } : {}),
    ...(params.namespaces.length ? { namespaces: params.namespaces } : {}),
    ...(params.kinds.length ? { kinds: params.kinds } : {}),
    ...(params.budget !== undefined ? { budget: params.budget } : {}),
    ...(params.expand.length ? { expand: params.expand } : {}),
    ...(params.allWorkloads ? { workloads: 'all' as const } : {}),
    ...(params.explain ? { explain: params.explain } : {}),
  };
}

/** The graph's URL focused on an object (and explaining it when it is not Ready). Pure. */
export function focusOn(params: GraphParams, id: string, notReady: boolean): GraphParams {
  const { explain: _explain, ...rest } = params;
  return { ...rest, focus: id, ...(notReady ? { explain: id } : {}) };
}

/** Toggles an applier's workloads in the URL. Pure. */
export function toggleExpand(params: GraphParams, id: string): GraphParams {
  return params.expand.includes(id)
    ? { ...params, expand: params.expand.filter((e) => e !== id) }
    : { ...params, expand: [...params.expand, id] };
}

/**
 * Where a click on a drawn node leads: an object becomes the focus (explained when it is failing
 * or in progress); workloads focus their applier; an "N more" group narrows the graph to its
 * objects' kind and namespace (an applier's hidden workloads focus the applier). Pure.
 */
export function clickTarget(
  params: GraphParams,
  node: Pick<GraphNodeDto, 'id' | 'type' | 'kind' | 'namespace' | 'state' | 'applier'>,
): GraphParams {
  if (node.type === 'object')
    return focusOn(params, node.id, node.state !== 'ready' && node.state !== 'suspended');
  if (node.applier) return focusOn(params, node.applier, false);
  return {
    ...params,
    kinds: isFluxKind(node.kind) ? [node.kind] : [],
    namespaces: node.namespace ? [node.namespace] : [],
  };
}
