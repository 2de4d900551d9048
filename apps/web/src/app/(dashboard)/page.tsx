import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { OverviewPage } from '../../features/overview/components/overview-page';

/** The tab title. */
export const metadata: Metadata = { title: 'Overview' };

/** `/`: the overview of every Flux object. */
export default function Page(): ReactNode {
  return <OverviewPage />;
}
