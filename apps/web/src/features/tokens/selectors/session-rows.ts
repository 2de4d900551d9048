/** A session as `sessions.list` gives it (the fields the page shows). */
export interface SessionRow {
  handle: string;
  user: string | null;
  groups: readonly string[];
  current: boolean;
}

/** Who a session belongs to: the user (and groups), or the admin token's break-glass sign-in. Pure. */
export function sessionWho(session: Pick<SessionRow, 'user' | 'groups'>): string {
  if (session.user === null) return 'admin token';
  return session.groups.length > 0 ? `${session.user} (${session.groups.join(', ')})` : session.user;
}

/**
 * What the confirmation asks before a session ends: ending one stops someone's access at once
 * (their open pages sign out), so it always asks, in words that say whose. Pure.
 */
export function endSessionPrompt(session: SessionRow): { title: string; body: string } {
  if (session.current)
    return {
      title: 'End this browser’s session?',
      body: 'You are signed out here at once, as with Sign out.',
    };
  const whose = session.user === null ? 'an admin token session' : `a session of ${session.user}`;
  return {
    title: `End ${whose}?`,
    body: 'Its next request is refused and its open pages stop updating within seconds; signing in again opens a new one.',
  };
}
