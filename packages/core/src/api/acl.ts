/** Reasons of fluxcd/pkg `apis/acl`: a cross-namespace reference blocked by the engine's flags. */
export const AclReason = {
  AccessDenied: 'AccessDenied',
} as const;
