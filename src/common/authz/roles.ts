export const ROLES = ['fullAdministrator', 'remoteToolsOperator', 'readOnlyAnalyst', 'infrastructureAdministrator'] as const;
export type Role = (typeof ROLES)[number];

/** What a caller may do; routes name one permission, roles grant sets of them. */
export enum Permission {
  InventoryRead = 'inventory:read',
  InventoryWrite = 'inventory:write',
  SitesWrite = 'sites:write',
  CollectionsWrite = 'collections:write',
  ClientSettingsRead = 'clientSettings:read',
  ClientSettingsWrite = 'clientSettings:write',
  SessionsRead = 'sessions:read',
  SessionsStart = 'sessions:start',
  SessionsEndAny = 'sessions:endAny',
  AuditRead = 'audit:read',
  AuditReadAll = 'audit:readAll',
  PrincipalsRead = 'principals:read',
  PrincipalsWrite = 'principals:write',
  EnrollmentKeysWrite = 'enrollmentKeys:write',
}

const READ = [Permission.InventoryRead, Permission.ClientSettingsRead, Permission.SessionsRead, Permission.AuditRead];

export const PERMISSIONS_OF: Record<Role, ReadonlySet<Permission>> = {
  fullAdministrator: new Set(Object.values(Permission)),
  remoteToolsOperator: new Set([...READ, Permission.SessionsStart]),
  readOnlyAnalyst: new Set([...READ, Permission.AuditReadAll, Permission.PrincipalsRead]),
  infrastructureAdministrator: new Set([
    ...READ,
    Permission.AuditReadAll,
    Permission.InventoryWrite,
    Permission.SitesWrite,
    Permission.CollectionsWrite,
    Permission.ClientSettingsWrite,
    Permission.PrincipalsRead,
    Permission.PrincipalsWrite,
    Permission.EnrollmentKeysWrite,
  ]),
};

export function hasPermission(role: Role, permission: Permission): boolean {
  return PERMISSIONS_OF[role]?.has(permission) ?? false;
}
