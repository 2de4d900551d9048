'use client';

import type { ReactNode } from 'react';
import { useSystemStatus } from '../hooks/use-system-status';
import { systemBanner } from '../selectors/system-banner';

/** Above every page: says when Tideline is not the one reconciling (Flux runs, or it only observes). */
export function SystemBannerStrip(): ReactNode {
  const banner = systemBanner(useSystemStatus());
  if (!banner) return null;
  const tone =
    banner.tone === 'warning'
      ? 'border-amber-300 bg-amber-50 text-amber-950'
      : 'border-sky-200 bg-sky-50 text-sky-950';
  return (
    <section
      role="status"
      aria-label="Who reconciles this cluster"
      className={`border-b px-4 py-2 text-sm ${tone}`}
    >
      <div className="mx-auto max-w-7xl">
        <strong className="font-semibold">{banner.title}.</strong> {banner.message}
      </div>
    </section>
  );
}
