'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { safeNextPath } from '../selectors/login-redirect';
import { ssoFailureMessage } from '../selectors/sso-failure';

/**
 * "Sign in with single sign-on", when the server has an identity provider configured, and why
 * the last sign-in came back refused (`?sso=<reason>`, set by the server's callback).
 */
export function SsoSignIn(): ReactNode {
  const params = useSearchParams();
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    fetch('/api/login-options', { signal: controller.signal })
      .then((r): Promise<{ oidc?: boolean }> => (r.ok ? r.json() : Promise.resolve({})))
      .then((options) => setEnabled(options.oidc === true))
      .catch(() => undefined);
    return () => controller.abort();
  }, []);
  const failure = ssoFailureMessage(params.get('sso'));
  const next = safeNextPath(params.get('next'));
  return (
    <div className="mb-6 space-y-3">
      {failure ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {failure}
        </p>
      ) : null}
      {enabled ? (
        <a
          href={`/api/oidc/login?next=${encodeURIComponent(next)}`}
          className="block w-full rounded-md bg-blue-700 px-4 py-2 text-center text-sm font-semibold text-white hover:bg-blue-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
        >
          Sign in with single sign-on
        </a>
      ) : null}
    </div>
  );
}
