import type { Identity } from './access.js';

/** Groups kept from a token, at most (a user in more is refused: the session could not hold them). */
export const MAX_GROUPS = 200;
/** Longest user or group name taken. */
const MAX_NAME = 256;

/** Why a signed-in user's claims cannot be used. */
export class ClaimsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ClaimsError';
  }
}

/**
 * The identity an ID token's claims name: the user from `usernameClaim` and every group from
 * `groupsClaim` (a list of strings, or one string, as Kubernetes' OIDC authenticator reads them).
 * Throws {@link ClaimsError} when the user claim is missing or a value is out of bounds. Pure.
 */
export function identityFromClaims(
  claims: Record<string, unknown>,
  usernameClaim: string,
  groupsClaim: string,
): Identity {
  const user = claims[usernameClaim];
  if (typeof user !== 'string' || user.length === 0)
    throw new ClaimsError(`the ID token has no "${usernameClaim}" claim to name the user`);
  if (user.length > MAX_NAME || user.startsWith('system:'))
    throw new ClaimsError(`the "${usernameClaim}" claim is not a user name Tideline accepts`);
  const raw = claims[groupsClaim];
  const groups = raw === undefined ? [] : typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(groups) || !groups.every((g): g is string => typeof g === 'string'))
    throw new ClaimsError(`the "${groupsClaim}" claim is not a list of group names`);
  if (groups.length > MAX_GROUPS) throw new ClaimsError(`more than ${MAX_GROUPS} groups in "${groupsClaim}"`);
  // system: groups are the cluster's own (system:masters is cluster-admin): a token never grants them.
  const kept = [...new Set(groups)].filter(
    (g) => g.length > 0 && g.length <= MAX_NAME && !g.startsWith('system:'),
  );
  return { user, groups: kept };
}
