import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { changedFields } from '../audit/audit-diff';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal, isFullAdministrator } from '../common/authz/current-principal';
import { hasPermission, Permission, Role } from '../common/authz/roles';
import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError } from '../common/errors/domain-error';
import { assertIfMatch, etagOf } from '../common/etag/etag';
import { ListQuery, Page } from '../common/paging/list-query';
import { CreatePrincipalDto, UpdatePrincipalDto } from './dto/create-principal.dto';
import { PrincipalEntity } from './entities/principal.entity';
import { PrincipalScopeChecks } from './principal-scope-checks';
import { PrincipalsRepository } from './principals.repository';

/** Principals: who may use rcgate and in which role and scope. */
@Injectable()
export class PrincipalsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly principals: PrincipalsRepository,
    private readonly audit: AuditService,
    private readonly scopeChecks: PrincipalScopeChecks,
  ) {}

  list(query: ListQuery): Promise<Page<PrincipalEntity>> {
    return this.principals.list(query);
  }

  /** Someone with principals:read sees anyone; everybody sees themselves; others get 404. */
  async get(caller: CurrentPrincipal, name: string): Promise<PrincipalEntity> {
    const principal = await this.principals.findByName(name);
    const visible = principal && (principal.id === caller.id || hasPermission(caller.role, Permission.PrincipalsRead));
    if (!visible) throw new NotFoundError('Principal', name);
    return principal;
  }

  async findById(id: string): Promise<PrincipalEntity | null> {
    return this.principals.findById(id);
  }

  create(caller: CurrentPrincipal, input: CreatePrincipalDto, manager?: EntityManager): Promise<PrincipalEntity> {
    const work = async (tx: EntityManager) => {
      this.assertMayGrant(caller, input.role);
      this.assertWithinCallerScope(caller, input.scopeCollectionIds ?? []);
      await this.assertScopeExists(tx, input.scopeCollectionIds);
      if (await this.principals.findByName(input.name, tx)) {
        throw new ConflictError(`A principal named '${input.name}' already exists.`);
      }
      const principal = await this.principals.save(tx, this.principals.create({
        name: input.name,
        nameKey: input.name.toLowerCase(),
        displayName: input.displayName ?? null,
        role: input.role,
        scopeCollectionIds: input.scopeCollectionIds ?? [],
        groups: dedupe(input.groups ?? []),
      }));
      await this.audit.record(tx, { type: 'principalCreated', actor: caller.name, details: { name: principal.name, role: principal.role, scopeCollectionIds: principal.scopeCollectionIds } });
      return principal;
    };
    return manager ? work(manager) : this.dataSource.transaction(work);
  }

  update(caller: CurrentPrincipal, name: string, input: UpdatePrincipalDto, ifMatch?: string): Promise<PrincipalEntity> {
    return this.dataSource.transaction(async (tx) => {
      const principal = await this.lockForChange(tx, caller, name);
      assertIfMatch(ifMatch, etagOf(principal.id, principal.version));
      if (input.role !== undefined) this.assertMayGrant(caller, input.role);
      if (input.scopeCollectionIds !== undefined || (input.role !== undefined && input.role !== principal.role)) {
        this.assertWithinCallerScope(caller, input.scopeCollectionIds ?? principal.scopeCollectionIds);
      }
      await this.assertScopeExists(tx, input.scopeCollectionIds);
      const before = { role: principal.role, displayName: principal.displayName, scopeCollectionIds: principal.scopeCollectionIds, groups: principal.groups };
      if (input.role !== undefined && input.role !== principal.role) await this.assertNotLastAdministrator(tx, principal);
      if (input.displayName !== undefined) principal.displayName = input.displayName ?? null;
      if (input.role !== undefined) principal.role = input.role;
      if (input.scopeCollectionIds !== undefined) principal.scopeCollectionIds = input.scopeCollectionIds;
      if (input.groups !== undefined) principal.groups = dedupe(input.groups);
      const saved = await this.principals.save(tx, principal);
      const after = { role: saved.role, displayName: saved.displayName, scopeCollectionIds: saved.scopeCollectionIds, groups: saved.groups };
      await this.audit.record(tx, { type: 'principalChanged', actor: caller.name, details: { name: saved.name, ...changedFields(before, after) } });
      return saved;
    });
  }

  remove(caller: CurrentPrincipal, name: string, ifMatch?: string): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      const principal = await this.lockForChange(tx, caller, name);
      assertIfMatch(ifMatch, etagOf(principal.id, principal.version));
      if (principal.id === caller.id) throw new ConflictError('You cannot delete yourself.', 'cannotDeleteSelf');
      await this.assertNotLastAdministrator(tx, principal);
      await this.principals.remove(tx, principal);
      await this.audit.record(tx, { type: 'principalDeleted', actor: caller.name, details: { name: principal.name, role: principal.role } });
    });
  }

  private async lockForChange(tx: EntityManager, caller: CurrentPrincipal, name: string): Promise<PrincipalEntity> {
    const principal = await this.principals.findByName(name, tx, true);
    if (!principal) throw new NotFoundError('Principal', name);
    // Only a full administrator may touch a full administrator.
    if (principal.role === 'fullAdministrator' && !isFullAdministrator(caller)) {
      throw new ForbiddenError('Only a full administrator may change a full administrator.');
    }
    return principal;
  }

  /** Names of principals whose scope includes the collection (the first few) and how many there are. */
  namesScopedTo(manager: EntityManager, collectionId: string): Promise<{ total: number; names: string[] }> {
    return this.principals.namesScopedTo(manager, collectionId);
  }

  private async assertScopeExists(tx: EntityManager, ids: string[] | undefined): Promise<void> {
    const unknown = await this.scopeChecks.unknownOf(tx, ids ?? []);
    if (unknown.length) {
      const message = `No collection has the id ${unknown.map((id) => `'${id}'`).join(', ')}.`;
      throw new ValidationFailedError(message, [{ field: 'scopeCollectionIds', code: 'unknownCollection', message }]);
    }
  }

  private assertMayGrant(caller: CurrentPrincipal, role: Role): void {
    if (role === 'fullAdministrator' && !isFullAdministrator(caller)) {
      throw new ForbiddenError('Only a full administrator may grant the fullAdministrator role.');
    }
  }

  /** A scoped caller cannot hand out (to others or itself) collections beyond its own scope. */
  private assertWithinCallerScope(caller: CurrentPrincipal, scopeCollectionIds: string[]): void {
    if (isFullAdministrator(caller)) return;
    const beyond = scopeCollectionIds.filter((id) => !caller.scopeCollectionIds.includes(id));
    if (beyond.length) {
      throw new ForbiddenError(`You may grant only collections in your own scope; not ${beyond.map((id) => `'${id}'`).join(', ')}.`, 'forbidden', { collectionIds: beyond });
    }
  }

  private async assertNotLastAdministrator(tx: EntityManager, principal: PrincipalEntity): Promise<void> {
    if (principal.role === 'fullAdministrator' && (await this.principals.countFullAdministrators(tx)) <= 1) {
      throw new ConflictError('This is the last full administrator.', 'lastAdministrator');
    }
  }
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => !seen.has(n.toLowerCase()) && seen.add(n.toLowerCase()));
}
