import type { ListFilter } from './apply-stream-message';

/**
 * The filter of a cached `objects.list` query, read from its tRPC query key
 * (`[path, { input?, type }]`). A key without input means the unfiltered list. Pure.
 */
export function listFilterFromKey(queryKey: readonly unknown[]): ListFilter {
  const meta = queryKey[1];
  if (typeof meta !== 'object' || meta === null || !('input' in meta)) return {};
  const input: unknown = meta.input;
  if (typeof input !== 'object' || input === null) return {};
  const filter: ListFilter = {};
  if ('kind' in input && typeof input.kind === 'string') filter.kind = input.kind;
  if ('namespace' in input && typeof input.namespace === 'string') filter.namespace = input.namespace;
  return filter;
}
