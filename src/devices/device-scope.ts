import { Injectable } from '@nestjs/common';
import { CurrentPrincipal, isFullAdministrator } from '../common/authz/current-principal';

export interface SqlCondition {
  sql: string;
  params: Record<string, unknown>;
}

/** Builds "this device id is a member of one of these collections" for a device id SQL expression. */
export type ScopeMembershipSql = (deviceIdSql: string, collectionIds: string[]) => SqlCondition;

/**
 * The one place that decides which devices a caller may see or act on.
 * Full administrators: every device. Anyone else: the members of its scope
 * collections; an empty scope sees nothing (secure default). The membership
 * SQL is provided by the collections feature, so devices does not import it;
 * until it is provided, scoped callers see nothing (fail closed).
 */
@Injectable()
export class DeviceScope {
  private membership: ScopeMembershipSql | null = null;

  provideMembership(sql: ScopeMembershipSql): void {
    this.membership = sql;
  }

  /** null: no restriction. Otherwise a condition with named parameters (TypeORM query builder style). */
  conditionFor(caller: CurrentPrincipal, deviceIdSql = 'd.id'): SqlCondition | null {
    if (isFullAdministrator(caller)) return null;
    if (!caller.scopeCollectionIds?.length || !this.membership) return { sql: 'false', params: {} };
    return this.membership(deviceIdSql, caller.scopeCollectionIds);
  }

  isUnrestricted(caller: CurrentPrincipal): boolean {
    return isFullAdministrator(caller);
  }
}
