import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Providers } from '../trpc/providers';
import './globals.css';

/** Tab titles read "<page> · Tideline". */
export const metadata: Metadata = {
  title: { default: 'Tideline', template: '%s · Tideline' },
  description: 'Flux objects, their state and the delivery graph, live.',
};

/**
 * The root layout. Every page renders per request (never prerendered at build time): data is
 * fetched in the browser, and per-request rendering lets the server use a CSP nonce.
 */
export default async function RootLayout({ children }: { children: ReactNode }): Promise<ReactNode> {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen bg-gray-50 font-sans text-gray-900 antialiased">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
