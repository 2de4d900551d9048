import { skipToken, useQuery } from '@tanstack/react-query';
import type { SystemStatusDto } from '@tideline/server';
import { LIVE_SYSTEM_KEY } from '../cache/live-query-keys';

/** Who reconciles the cluster, as the live stream last said; undefined until it has. */
export function useSystemStatus(): SystemStatusDto | undefined {
  const { data } = useQuery<SystemStatusDto>({
    queryKey: LIVE_SYSTEM_KEY,
    queryFn: skipToken,
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return data;
}
