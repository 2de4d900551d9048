import type { LeaseRecord } from '../runtime/leader-election.js';
import type { LeaseLock } from '../runtime/leader-elector.js';
import { isConflict } from './errors.js';
import type { KubeObject } from './objects.js';
import type { Resources } from './resources.js';

type Lease = KubeObject & { spec?: LeaseRecord };

/**
 * A {@link LeaseLock} on a `coordination.k8s.io/v1` Lease. Writes are conditional on the
 * resourceVersion read, so two candidates can never both win the same round.
 */
export function kubeLeaseLock(resources: Resources, namespace: string, name: string): LeaseLock {
  const ref = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace, name };
  return {
    async get() {
      const lease = await resources.get<Lease>(ref);
      return lease
        ? { record: lease.spec ?? {}, resourceVersion: lease.metadata.resourceVersion ?? '' }
        : undefined;
    },
    async create(record) {
      try {
        await resources.create({
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          metadata: { name, namespace },
          spec: record,
        } as KubeObject);
        return true;
      } catch (error) {
        if (isConflict(error)) return false; // AlreadyExists: another candidate created it
        throw error;
      }
    },
    async update(record, resourceVersion) {
      try {
        await resources.replace({
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          metadata: { name, namespace, resourceVersion },
          spec: record,
        } as KubeObject);
        return true;
      } catch (error) {
        if (isConflict(error)) return false;
        throw error;
      }
    },
  };
}
