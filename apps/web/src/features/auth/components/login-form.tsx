'use client';

import { useSearchParams } from 'next/navigation';
import { useState, type FormEvent, type ReactNode } from 'react';
import { logIn, type LoginResult } from '../api/session';
import { safeNextPath } from '../selectors/login-redirect';

function failureMessage(result: Exclude<LoginResult, { ok: true }>): string {
  switch (result.reason) {
    case 'invalid-token':
      return 'Invalid token';
    case 'network-error':
      return 'Could not reach the server. Try again.';
    case 'server-error':
      return `Login failed (HTTP ${result.status ?? '?'}). Try again.`;
    case 'throttled':
      return `Too many failed attempts. Try again in ${Math.max(1, Math.ceil(result.retryAfterS / 60))} min.`;
  }
}

/**
 * The admin-token form; on success, returns to the page that sent the user here. The field is
 * uncontrolled so a token typed before hydration is kept; `method="post"` keeps it out of the URL
 * should the form ever be submitted natively.
 */
export function LoginForm(): ReactNode {
  const params = useSearchParams();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    const token = new FormData(event.currentTarget).get('token');
    if (typeof token !== 'string' || token === '') {
      setError('Enter the admin token.');
      return;
    }
    setBusy(true);
    setError(null);
    const result = await logIn(token);
    if (result.ok) {
      // A full load: the session cookie is new, so nothing cached before it is trusted.
      window.location.assign(safeNextPath(params.get('next')));
      return;
    }
    setBusy(false);
    setError(failureMessage(result));
  };

  return (
    <form method="post" onSubmit={(e) => void onSubmit(e)} className="space-y-4" noValidate>
      <div>
        <label htmlFor="admin-token" className="block text-sm font-medium text-gray-700">
          Admin token
        </label>
        <input
          id="admin-token"
          name="token"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error === 'Invalid token'}
          aria-describedby={error ? 'login-error' : undefined}
          className="mt-1 block w-full rounded-md border border-gray-300 px-3 py-2 shadow-sm focus-visible:outline-2 focus-visible:outline-blue-600"
        />
      </div>
      {error ? (
        <p
          id="login-error"
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800"
        >
          {error}
        </p>
      ) : null}
      <button
        type="submit"
        disabled={busy}
        className="w-full rounded-md bg-blue-700 px-4 py-2 text-sm font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700 disabled:opacity-50"
      >
        {busy ? 'Logging in…' : 'Log in'}
      </button>
    </form>
  );
}
