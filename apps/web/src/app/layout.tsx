import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { parseThemeChoice, THEME_COOKIE } from '../features/theme/selectors/theme';
import { Providers } from '../trpc/providers';
import './globals.css';

/** Tab titles read "<page> · Tideline". */
export const metadata: Metadata = {
  title: { default: 'Tideline', template: '%s · Tideline' },
  description: 'Flux objects, their state and the delivery graph, live.',
};

/**
 * The root layout. Every page renders per request (never prerendered at build time): data is
 * fetched in the browser, and per-request rendering lets the server use a CSP nonce. The theme
 * choice comes from its cookie, so the first paint is already in it (no script, no flash).
 */
export default async function RootLayout({ children }: { children: ReactNode }): Promise<ReactNode> {
  await connection();
  const theme = parseThemeChoice((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme}>
      <body className="min-h-screen bg-gray-50 font-sans text-gray-900 antialiased dark:bg-gray-950 dark:text-gray-100">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
