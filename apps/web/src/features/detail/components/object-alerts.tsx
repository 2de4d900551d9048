import type { FluxObjectDetail } from '@tideline/server';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { objectHref, parseObjectId } from '../../objects/selectors/object-key';

/** A link to a Flux object's page by its id (plain text when the id names no object). */
export function Ref({ id }: { id: string }): ReactNode {
  const key = parseObjectId(id);
  if (!key) return id;
  return (
    <Link
      href={objectHref(key)}
      prefetch={false}
      className="text-blue-700 hover:underline dark:text-blue-300"
    >
      {key.kind} {key.namespace}/{key.name}
    </Link>
  );
}

/** Which Alerts cover this object, and so which Providers hear about its events. */
export function ObjectAlerts({ object }: { object: FluxObjectDetail }): ReactNode {
  if (object.alerts.length === 0)
    return (
      <p className="text-sm text-gray-700 dark:text-gray-300">
        No Alert covers this object: its events reach no Provider. Add it to an Alert&apos;s{' '}
        <code>eventSources</code> to be notified.
      </p>
    );
  return (
    <ul className="space-y-1 text-sm">
      {object.alerts.map((alert) => (
        <li key={alert.id}>
          <Ref id={alert.id} /> → {alert.providerId ? <Ref id={alert.providerId} /> : 'no provider'} (
          {alert.severity === 'error' ? 'errors only' : 'all events'}
          {alert.filtered ? ', some messages filtered' : ''}
          {alert.suspended ? ', suspended' : ''})
        </li>
      ))}
    </ul>
  );
}
