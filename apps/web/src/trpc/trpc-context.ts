import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@tideline/server';

/**
 * The typed tRPC hooks. Only `type AppRouter` crosses from the server: no server code is
 * bundled into the dashboard.
 */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();
