import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * The fields controller-runtime puts on every log line written during a reconcile
 * (`controller`, `controllerGroup`, `controllerKind`, `name`, `namespace`, `reconcileID`), carried
 * through async calls so a reconciler's own log lines get them without passing a logger around.
 */
export interface ReconcileScope {
  controller: string;
  controllerGroup: string;
  controllerKind: string;
  name: string;
  namespace: string;
  reconcileID: string;
}

const storage = new AsyncLocalStorage<ReconcileScope>();

/** Runs `fn` with `scope` as the current reconcile's log fields. */
export function runInReconcileScope<T>(scope: ReconcileScope, fn: () => Promise<T>): Promise<T> {
  return storage.run(scope, fn);
}

/** The current reconcile's log fields; undefined outside a reconcile. */
export function currentReconcileScope(): ReconcileScope | undefined {
  return storage.getStore();
}
