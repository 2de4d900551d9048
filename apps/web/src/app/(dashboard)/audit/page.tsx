import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AuditPage } from '../../../features/actions/components/audit-page';

/** The tab title. */
export const metadata: Metadata = { title: 'Audit log' };

/** `/audit`: who did what to which object, when and why. */
export default function Page(): ReactNode {
  return <AuditPage />;
}
