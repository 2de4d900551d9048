import type { EventDto, EventFilterDto } from '@tideline/server';
import { isFluxKind } from '../../objects/selectors/kind-config';
import { isKubeName } from '../../objects/selectors/object-key';
import type { SearchParamsLike } from '../../overview/selectors/overview-filter';

/**
 * True when `event` passes `filter`, by the server's rule (`apps/server/src/cache/event-filter.ts`):
 * kind, namespace, name, type and reason exactly; free text, ignoring case, in the reason,
 * message, object or namespace. Live events are filtered here, listed ones on the server. Pure.
 */
export function matchesEventFilter(filter: EventFilterDto, event: EventDto): boolean {
  const [kind = '', , name = ''] = event.objectId.split('/');
  if (filter.kind && kind !== filter.kind) return false;
  if (filter.namespace && event.namespace !== filter.namespace) return false;
  if (filter.name && name !== filter.name) return false;
  if (filter.type && event.type !== filter.type) return false;
  if (filter.reason && event.reason !== filter.reason) return false;
  if (!filter.q) return true;
  const q = filter.q.toLowerCase();
  return [event.reason, event.message, event.object, event.namespace].some((field) =>
    field.toLowerCase().includes(q),
  );
}

/** Reads the events page's filters from the URL, dropping values the server would refuse. Pure. */
export function parseEventFilter(params: SearchParamsLike): EventFilterDto {
  const filter: EventFilterDto = {};
  const kind = params.get('kind');
  if (kind && isFluxKind(kind)) filter.kind = kind;
  for (const key of ['namespace', 'name'] as const) {
    const value = params.get(key);
    if (value && isKubeName(value)) filter[key] = value;
  }
  const type = params.get('type');
  if (type === 'Normal' || type === 'Warning') filter.type = type;
  const reason = params.get('reason');
  if (reason && /^[A-Za-z0-9]{1,128}$/.test(reason)) filter.reason = reason;
  const q = params.get('q');
  if (q) filter.q = q.slice(0, 200);
  return filter;
}

/** The query string (with `?`, or empty) of an events filter, keys in a stable order. Pure. */
export function eventFilterSearch(filter: EventFilterDto): string {
  const params = new URLSearchParams();
  for (const key of ['kind', 'namespace', 'name', 'type', 'reason', 'q'] as const) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** The filter of a cached `events.list` query, read from its tRPC query key. Pure. */
export function eventFilterFromKey(queryKey: readonly unknown[]): { filter: EventFilterDto; limit: number } {
  const meta = queryKey[1];
  const input: unknown =
    typeof meta === 'object' && meta !== null && 'input' in meta ? (meta as { input: unknown }).input : {};
  const record = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const params = { get: (name: string) => (typeof record[name] === 'string' ? record[name] : null) };
  const limit = typeof record.limit === 'number' ? record.limit : 500;
  return { filter: parseEventFilter(params), limit };
}
