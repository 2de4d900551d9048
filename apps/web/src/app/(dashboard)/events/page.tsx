import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { EventsPage } from '../../../features/events/components/events-page';

/** The tab title. */
export const metadata: Metadata = { title: 'Events' };

/** `/events`: the live event stream with its filters. */
export default function Page(): ReactNode {
  return <EventsPage />;
}
