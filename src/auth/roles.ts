import { forbidden, unauthenticated } from '../errors.js';

/** The roles a token's `roles` claim may hold; each includes the ones before it. */
export const ROLES = ['reader', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is asking: `subject` is the token's `sub`, null for an anonymous request. */
export interface Viewer {
  subject: string | null;
  roles: readonly Role[];
}

/** What a request may do: its viewer, and whether this server accepts writes at all. */
export interface Access {
  viewer: Viewer;
  /** False when no AUTH_JWT_SECRET or AUTH_JWKS_URL is configured: nobody can be trusted to write. */
  writesEnabled: boolean;
}

export const ANONYMOUS: Viewer = { subject: null, roles: [] };
export const PUBLIC_ACCESS: Access = { viewer: ANONYMOUS, writesEnabled: false };

/** Known roles of a `roles` claim (a list, or one space-separated string); anything else is ignored. */
export function rolesFromClaim(claim: unknown): Role[] {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? claim.split(/\s+/) : [];
  return ROLES.filter((role) => values.includes(role));
}

/** Admin implies editor implies reader, so a token lists only its highest role if it likes. */
export function hasRole(viewer: Viewer, role: Role): boolean {
  const needed = ROLES.indexOf(role);
  return viewer.roles.some((held) => ROLES.indexOf(held) >= needed);
}

/**
 * Throws unless the request may act with `role`. Writes and the audit trail need a verified
 * token; on a server without a key to verify one, they are switched off for everybody.
 */
export function requireRole(access: Access, role: Role, action: string): void {
  if (role !== 'reader' && !access.writesEnabled) {
    throw forbidden(`Writes are disabled on this server (no AUTH_JWT_SECRET or AUTH_JWKS_URL is configured), so ${action} is not possible.`);
  }
  if (access.viewer.subject === null) {
    throw unauthenticated(`${capitalise(action)} needs a token with role ${role}: send Authorization: Bearer <token>.`);
  }
  if (!hasRole(access.viewer, role)) {
    throw forbidden(`${capitalise(action)} needs role ${role}; the token has ${access.viewer.roles.join(', ') || 'no role'}.`);
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
