/**
 * Replaces the userinfo of every URL in `text` (`https://user:token@host` → `https://***@host`),
 * so credentials a user put into a URL never reach logs, events or conditions. An `ssh://`
 * user name alone (`ssh://git@host`) is kept, as Flux shows it: SSH authenticates with the
 * Secret's key, never with URL userinfo, so the name is not a credential (a token is often
 * passed as an HTTPS user name, so those stay redacted). Pure.
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(
    /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@'"]+)@/gi,
    (_match, scheme: string, userinfo: string) =>
      scheme.toLowerCase() === 'ssh://' && !userinfo.includes(':')
        ? `${scheme}${userinfo}@`
        : `${scheme}***@`,
  );
}
