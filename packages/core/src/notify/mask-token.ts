/**
 * fluxcd/pkg masktoken: every occurrence of the token in a message becomes `*****`, so a
 * Provider token that an endpoint echoes back (or that sits in a URL, as Telegram's does)
 * never reaches an event. An empty token masks nothing. Pure.
 */
export function maskToken(message: string, token: string): string {
  if (!token) return message;
  return message.split(token).join('*****');
}
