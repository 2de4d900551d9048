import type { EventDto, EventFilterDto } from '../api/dto.js';

/**
 * True when `event` passes `filter`: kind, namespace, object name, type and reason match
 * exactly; free text matches, ignoring case, anywhere in the reason, the message or the object
 * (`Kind/name`, namespace). The dashboard applies the same rule to live events. Pure.
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
