import type { CoreEvent, EventSink } from '../runtime/event-recorder.js';
import { isNotFound } from './errors.js';
import type { Resources } from './resources.js';

/** Writes recorder events as core/v1 Events through the API. */
export function kubeEventSink(resources: Resources): EventSink {
  return {
    async create(event: CoreEvent): Promise<void> {
      await resources.create(event as unknown as Parameters<Resources['create']>[0]);
    },
    async update(namespace, name, patch): Promise<boolean> {
      try {
        await resources.mergePatch({ apiVersion: 'v1', kind: 'Event', namespace, name }, patch);
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw error;
      }
    },
  };
}
