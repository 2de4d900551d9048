import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { GraphPage } from '../../../features/graph/components/graph-page';

/** The tab title. */
export const metadata: Metadata = { title: 'Graph' };

/** `/graph`: the delivery graph. */
export default function Page(): ReactNode {
  return <GraphPage />;
}
