/**
 * Replaces the userinfo of every URL in `text` (`https://user:token@host` → `https://***@host`),
 * so credentials a user put into a URL never reach logs, events or conditions. Pure.
 */
export function redactUrlCredentials(text: string): string {
  return text.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@'"]+@/gi, '$1***@');
}
