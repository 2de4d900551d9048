/** What the login page says when a sign-in with the identity provider came back refused. Pure. */
export function ssoFailureMessage(code: string | null): string | null {
  switch (code) {
    case null:
      return null;
    case 'no-role':
      return 'You signed in, but no Tideline role is granted to you or your groups. Ask an administrator.';
    case 'state':
    case 'used':
      return 'That sign-in link was already used, has expired or came from another browser. Sign in again.';
    case 'throttled':
      return 'Too many refused sign-ins from this address. Wait a few minutes, then sign in again.';
    case 'claims':
      return 'The identity provider did not say who you are in a way Tideline accepts. Ask an administrator.';
    default:
      return 'The identity provider could not sign you in. Try again.';
  }
}
