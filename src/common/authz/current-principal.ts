import type { Role } from './roles';

/** Who is calling, as resolved from a bearer token. */
export interface CurrentPrincipal {
  id: string;
  name: string;
  role: Role;
  groups: string[];
  scopeCollectionIds: string[];
  tokenId: string;
}

export function isFullAdministrator(principal: CurrentPrincipal): boolean {
  return principal.role === 'fullAdministrator';
}
