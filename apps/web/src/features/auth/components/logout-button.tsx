'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { logOut } from '../api/session';

/** Ends the session and goes to the login page (a full load, so no cached data survives). */
export function LogoutButton(): ReactNode {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const onClick = async (): Promise<void> => {
    setBusy(true);
    await logOut();
    queryClient.clear();
    window.location.assign('/login');
  };
  return (
    <button
      type="button"
      disabled={busy}
      onClick={() => void onClick()}
      className="rounded-md border border-gray-500 px-3 py-1 text-sm text-gray-100 hover:bg-gray-700 focus-visible:outline-2 focus-visible:outline-white disabled:opacity-50"
    >
      Log out
    </button>
  );
}
