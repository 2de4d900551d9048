'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { LogoutButton } from '../../auth/components/logout-button';
import { ConnectionIndicator } from '../../live/components/connection-indicator';
import { ThemeToggle } from '../../theme/components/theme-toggle';
import type { ThemeChoice } from '../../theme/selectors/theme';

const LINKS = [
  { href: '/', label: 'Overview', current: (path: string) => path === '/' || path.startsWith('/objects/') },
  { href: '/graph', label: 'Graph', current: (path: string) => path === '/graph' },
  { href: '/events', label: 'Events', current: (path: string) => path === '/events' },
  { href: '/audit', label: 'Audit log', current: (path: string) => path === '/audit' },
  { href: '/tokens', label: 'API tokens', current: (path: string) => path === '/tokens' },
] as const;

/** The top bar: sections, the live-connection indicator, and log out. */
export function TopNav({ theme }: { theme: ThemeChoice }): ReactNode {
  const pathname = usePathname();
  return (
    <header className="bg-gray-900 text-white">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
        <span className="font-semibold tracking-tight">Tideline</span>
        <nav aria-label="Main">
          <ul className="flex gap-4 text-sm">
            {LINKS.map((link) => {
              const current = link.current(pathname);
              return (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    aria-current={current ? 'page' : undefined}
                    className={
                      current
                        ? 'font-semibold text-white underline underline-offset-4'
                        : 'text-gray-300 hover:text-white'
                    }
                  >
                    {link.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="ml-auto flex items-center gap-4">
          <ConnectionIndicator />
          <ThemeToggle initial={theme} />
          <LogoutButton />
        </div>
      </div>
    </header>
  );
}
