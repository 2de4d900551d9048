import Link from 'next/link';
import type { ReactNode } from 'react';

/** Any path the dashboard does not know. */
export default function NotFound(): ReactNode {
  return (
    <main className="mx-auto mt-24 max-w-md space-y-4 text-center">
      <h1 className="text-2xl font-semibold">Page not found</h1>
      <Link href="/" className="text-blue-700 hover:underline">
        Go to the overview
      </Link>
    </main>
  );
}
