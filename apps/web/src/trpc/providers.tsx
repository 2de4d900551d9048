'use client';

import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { redirectToLogin } from '../features/auth/api/session';
import { createTrpcClient } from './create-trpc-client';
import { makeQueryClient } from './make-query-client';
import { TRPCProvider } from './trpc-context';

/** React Query and tRPC for the whole app; one client pair per browser tab. */
export function Providers({ children }: { children: ReactNode }): ReactNode {
  const [queryClient] = useState(() => makeQueryClient(redirectToLogin));
  const [trpcClient] = useState(() => createTrpcClient(redirectToLogin));
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
