import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { LiveStreamProvider } from '../../features/live/components/live-stream-provider';
import { SystemBannerStrip } from '../../features/live/components/system-banner';
import { KeyboardMap } from '../../features/keyboard/components/keyboard-help';
import { TopNav } from '../../features/nav/components/top-nav';
import { parseThemeChoice, THEME_COOKIE } from '../../features/theme/selectors/theme';

/** Pages behind the login: the nav, and the one live subscription they all share. */
export default async function DashboardLayout({ children }: { children: ReactNode }): Promise<ReactNode> {
  const theme = parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <LiveStreamProvider>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:text-gray-900 focus:py-2"
      >
        Skip to content
      </a>
      <TopNav theme={theme} />
      <KeyboardMap />
      <SystemBannerStrip />
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </LiveStreamProvider>
  );
}
