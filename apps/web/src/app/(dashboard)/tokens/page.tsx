import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TokensPage } from '../../../features/tokens/components/tokens-page';

/** The tab title. */
export const metadata: Metadata = { title: 'API tokens' };

/** `/tokens`: the caller's API tokens (every one, for an admin): list, create, revoke. */
export default function Page(): ReactNode {
  return <TokensPage />;
}
