import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { LoginForm } from '../../features/auth/components/login-form';
import { SsoSignIn } from '../../features/auth/components/sso-sign-in';

/** The tab title. */
export const metadata: Metadata = { title: 'Log in' };

/** `/login`: sign in with the identity provider, or exchange the admin token (break-glass) for a session. */
export default function Page(): ReactNode {
  return (
    <main className="mx-auto mt-24 max-w-sm rounded-lg border border-gray-200 bg-white p-8 shadow-sm">
      <h1 className="mb-6 text-xl font-semibold">Log in to Tideline</h1>
      <SsoSignIn />
      <LoginForm />
    </main>
  );
}
